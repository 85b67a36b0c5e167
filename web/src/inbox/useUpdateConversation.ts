import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ConversationSummary, ConversationUpdate } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Changes a conversation's status or assignee (`PATCH /api/inbox/conversations/:id`). */
export function useUpdateConversation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConversationUpdate) =>
      api<ConversationSummary>(`/api/inbox/conversations/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
