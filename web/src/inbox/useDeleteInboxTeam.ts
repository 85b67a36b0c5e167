import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Deletes a team (`DELETE /api/inbox/teams/:id`). */
export function useDeleteInboxTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/api/inbox/teams/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
