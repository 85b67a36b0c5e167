import { useQuery } from "@tanstack/react-query";
import type { DraftRead } from "../../../src/publishing/publishing.schema.ts";
import { api } from "../app/api.ts";
import { draftsKey } from "./draftsKey.ts";

/** Filters of `GET /api/drafts`. */
export interface DraftFilter {
  conversationId?: string;
  /** Comma-separated states. */
  status?: string;
  mine?: "true" | "false";
  awaitingMe?: "true";
}

/** Drafts matching the filter, most recently changed first, polled every 10 s. */
export function useDrafts(filter: DraftFilter, enabled = true) {
  return useQuery({
    queryKey: [...draftsKey, "list", filter],
    queryFn: ({ signal }) => api<{ items: DraftRead[] }>("/api/drafts", { query: { ...filter }, signal }),
    select: (list) => list.items,
    refetchInterval: 10_000,
    staleTime: 5_000,
    enabled,
  });
}
