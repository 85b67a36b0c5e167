import { useInfiniteQuery } from "@tanstack/react-query";
import type { PostList } from "../../../src/posts/posts.schema.ts";
import { api } from "../app/api.ts";
import { listQuery, type MentionFilters } from "./mentionFilters.ts";

/** Mentions matching the filters in their order (newest or most important first), 50 a page; `fetchNextPage` loads more (`GET /api/posts`). */
export function usePosts(filters: MentionFilters) {
  return useInfiniteQuery({
    queryKey: ["posts", "list", filters],
    queryFn: ({ pageParam, signal }) =>
      api<PostList>("/api/posts", {
        // The time range is measured from when the page is fetched, so a refetch moves the window along.
        query: { ...listQuery(filters, Date.now()), cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The live stream keeps the list fresh; refetching on focus would only reshuffle it.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
