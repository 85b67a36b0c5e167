import { z } from "zod";
import { PostFilter } from "./posts.schema.ts";

/** Query string of `GET /api/posts/stats`: the same filters as the list, plus the bucket size. */
export const PostStatsQuery = PostFilter.extend({
  /** Width of one bucket of the volume series. */
  bucket: z.enum(["minute", "hour", "day"]).default("minute"),
});
export type PostStatsQuery = z.infer<typeof PostStatsQuery>;

const Count = z.object({ key: z.string(), count: z.number().int() });

/** Mention volume for the Overview: totals, breakdowns and a time series. */
export const PostStats = z.object({
  total: z.number().int(),
  byPlatform: z.array(Count),
  byLang: z.array(Count),
  byTopic: z.array(Count),
  /** Posts per bucket, oldest first; `t` is the bucket start (ISO 8601). */
  series: z.array(z.object({ t: z.string(), count: z.number().int() })),
});
export type PostStats = z.infer<typeof PostStats>;
