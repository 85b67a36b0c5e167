import { useMutation } from "@tanstack/react-query";
import { api } from "../app/api.ts";

/** A saved reply filled in for a conversation (`POST /api/inbox/conversations/:id/fill-reply`). */
export function useFillReply(conversationId: string) {
  return useMutation({
    mutationFn: (savedReplyId: string) =>
      api<{ text: string; lang: "de" | "en" }>(
        `/api/inbox/conversations/${encodeURIComponent(conversationId)}/fill-reply`,
        { method: "POST", body: { savedReplyId } },
      ),
  });
}
