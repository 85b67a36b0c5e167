import { useQuery } from "@tanstack/react-query";
import type { PostRevisionList } from "../../../src/posts/posts.schema.ts";
import { api } from "../app/api.ts";

/** The earlier versions of a post, oldest first, fetched once `enabled` (`GET /api/posts/{id}/revisions`). */
export function usePostRevisions(postId: string, editedAt: string | null, enabled: boolean) {
  return useQuery({
    // A newer edit brings a newer `editedAt`, and with it one more earlier version.
    queryKey: ["posts", "revisions", postId, editedAt],
    queryFn: ({ signal }) =>
      api<PostRevisionList>(`/api/posts/${encodeURIComponent(postId)}/revisions`, { signal }),
    select: (list) => list.items,
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
