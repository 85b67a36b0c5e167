import { useQuery } from "@tanstack/react-query";
import type { ConversationSummary } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** The list's filters as the URL keeps them. */
export interface ConversationFilters {
  status?: string | undefined;
  assignee?: string | undefined;
  mentions?: "me" | undefined;
  band?: string | undefined;
  q?: string | undefined;
}

/** Conversations by filter, polled every 15 s (`GET /api/inbox/conversations`). */
export function useConversations(filters: ConversationFilters) {
  return useQuery({
    queryKey: [...inboxKey, "list", filters],
    queryFn: ({ signal }) =>
      api<{ items: ConversationSummary[]; openCount: number; mentionsMeCount: number }>(
        "/api/inbox/conversations",
        { query: { ...filters }, signal },
      ),
    refetchInterval: 15_000,
    staleTime: 5_000,
  });
}
