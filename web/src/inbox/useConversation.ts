import { useQuery } from "@tanstack/react-query";
import type { ConversationRead } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** One conversation with thread, notes and presence, polled every 10 s so the "is answering" marker stays true. */
export function useConversation(id: string) {
  return useQuery({
    queryKey: [...inboxKey, "conversation", id],
    queryFn: ({ signal }) =>
      api<ConversationRead>(`/api/inbox/conversations/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: 10_000,
  });
}
