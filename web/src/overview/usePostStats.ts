import { useQuery } from "@tanstack/react-query";
import type { PostStats } from "../../../src/posts/posts.stats.schema.ts";
import { api } from "../app/api.ts";
import type { ChartBucket } from "./volumeSeries.ts";

/** Mention figures for the last `windowMs` up to now, refetched every 15 s (`GET /api/posts/stats`). */
export function usePostStats(windowMs: number, bucket: ChartBucket, enabled = true) {
  return useQuery({
    queryKey: ["posts", "stats", windowMs, bucket],
    queryFn: async ({ signal }) => {
      // The window is measured when the request starts, and kept with the answer for the chart's time axis.
      const to = Date.now();
      const from = to - windowMs;
      const stats = await api<PostStats>("/api/posts/stats", {
        query: { from: new Date(from).toISOString(), bucket },
        signal,
      });
      return { ...stats, from, to };
    },
    enabled,
    refetchInterval: 15_000,
    staleTime: 5_000,
  });
}
