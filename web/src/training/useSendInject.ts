import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FeedItem, HandInject } from "../../../src/training/training.schema.ts";
import { api } from "../app/api.ts";
import { feedKey } from "./trainingKeys.ts";

/** Sends a post by hand into one team's workspace or all of them (`POST /api/training/exercises/{id}/injects`). */
export function useSendInject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: HandInject) =>
      api<FeedItem>(`/api/training/exercises/${encodeURIComponent(id)}/injects`, { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey(id) }),
  });
}
