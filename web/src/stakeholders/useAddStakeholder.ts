import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  StakeholderAccountCreate,
  StakeholderAccountRead,
} from "../../../src/stakeholders/stakeholders.schema.ts";
import { api } from "../app/api.ts";
import { stakeholdersKey } from "./stakeholdersKey.ts";

/** Puts an account on the stakeholder map (`POST /api/stakeholders`); 409 when it is there already. */
export function useAddStakeholder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StakeholderAccountCreate) =>
      api<StakeholderAccountRead>("/api/stakeholders", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: stakeholdersKey }),
  });
}
