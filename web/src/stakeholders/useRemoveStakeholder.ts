import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { stakeholdersKey } from "./stakeholdersKey.ts";

/** Takes an account off the stakeholder map (`DELETE /api/stakeholders/:id`). */
export function useRemoveStakeholder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/stakeholders/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: stakeholdersKey }),
  });
}
