import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Deletes a saved reply (`DELETE /api/inbox/saved-replies/:id`). */
export function useDeleteSavedReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>(`/api/inbox/saved-replies/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
