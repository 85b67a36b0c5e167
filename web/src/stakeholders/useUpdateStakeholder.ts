import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  StakeholderAccountRead,
  StakeholderAccountUpdate,
} from "../../../src/stakeholders/stakeholders.schema.ts";
import { api } from "../app/api.ts";
import { stakeholdersKey } from "./stakeholdersKey.ts";

/** Changes an account's group, stance, influence, name or note (`PATCH /api/stakeholders/:id`). */
export function useUpdateStakeholder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: StakeholderAccountUpdate }) =>
      api<StakeholderAccountRead>(`/api/stakeholders/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: changes,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: stakeholdersKey }),
  });
}
