import { useQuery } from "@tanstack/react-query";
import type { SavedReplyRead } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Saved replies matching `q` in title or text (`GET /api/inbox/saved-replies`). */
export function useSavedReplies(q: string, lang?: "de" | "en") {
  return useQuery({
    queryKey: [...inboxKey, "saved-replies", q, lang ?? ""],
    queryFn: ({ signal }) =>
      api<{ items: SavedReplyRead[] }>("/api/inbox/saved-replies", { query: { q, lang }, signal }),
    select: (list) => list.items,
    placeholderData: (previous) => previous,
  });
}
