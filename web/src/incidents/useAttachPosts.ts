import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { incidentKey } from "./incidentKeys.ts";

/** Attaches posts to an incident (`POST /api/incidents/{id}/posts`); its timeline records them. */
export function useAttachPosts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ incidentId, postIds }: { incidentId: string; postIds: string[] }) =>
      api<unknown>(`/api/incidents/${encodeURIComponent(incidentId)}/posts`, {
        method: "POST",
        body: { postIds },
      }),
    onSuccess: (_result, { incidentId }) =>
      queryClient.invalidateQueries({ queryKey: incidentKey(incidentId) }),
  });
}
