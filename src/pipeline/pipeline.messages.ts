import { z } from "zod";
import { Lang, PostCreate, PostRead } from "../posts/posts.schema.ts";
import { RiskResultRead } from "../risk/risk.schema.ts";

/** `posts.ingested`: a valid post entering the pipeline for one organisation. */
export const IngestedPost = z.object({
  orgId: z.string(),
  sourceId: z.string().nullable(),
  post: PostCreate,
});
export type IngestedPost = z.infer<typeof IngestedPost>;

/** The assessment stage's verdict, stored beside the post. */
export const Assessment = z.object({
  /** Name and version of what produced it, e.g. `baseline@1`. */
  engine: z.string(),
  lang: Lang,
  priority: z.number().min(0).max(1),
  /** Every category's verdict, keyed by category. */
  categories: z.record(z.string(), RiskResultRead),
});
export type Assessment = z.infer<typeof Assessment>;

/** `posts.assessed`: a post with its language, matched topics and assessment. */
export const AssessedPost = IngestedPost.extend({
  lang: Lang,
  topicIds: z.array(z.string()),
  assessment: Assessment,
});
export type AssessedPost = z.infer<typeof AssessedPost>;

/** `posts.stored`: a post that was new and is now stored, as the API shows it (for live views). */
export const StoredPost = z.object({ orgId: z.string(), post: PostRead });
export type StoredPost = z.infer<typeof StoredPost>;

/** `topics.changed`: an organisation's topics changed; caches of compiled queries must reload. */
export const TopicsChanged = z.object({ orgId: z.string() });
