import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { FeedItem } from "../../../src/training/training.schema.ts";
import { api } from "../app/api.ts";
import { mergeFeed } from "./feedOrder.ts";
import { feedKey } from "./trainingKeys.ts";
import type { FeedListRead } from "./trainingTypes.ts";

/** The feed as the console holds it: every line so far, newest first, and where the next poll continues. */
export interface FeedState {
  items: FeedItem[];
  cursor: string | undefined;
}

/**
 * The live feed of an exercise (`GET /api/training/exercises/{id}/feed?after=`): each poll asks only for
 * what came after the last cursor and merges it in; polls every 2 s while `live`.
 */
export function useFeed(id: string, live: boolean) {
  const queryClient = useQueryClient();
  const key = feedKey(id);
  return useQuery({
    queryKey: key,
    queryFn: async ({ signal }): Promise<FeedState> => {
      const previous = queryClient.getQueryData<FeedState>(key);
      const page = await api<FeedListRead>(`/api/training/exercises/${encodeURIComponent(id)}/feed`, {
        query: { after: previous?.cursor },
        signal,
      });
      return { items: mergeFeed(previous?.items ?? [], page.items), cursor: page.cursor };
    },
    refetchInterval: live ? 2000 : false,
  });
}
