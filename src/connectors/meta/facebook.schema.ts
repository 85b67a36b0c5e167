// Facebook Page payloads as the Graph API reference documents them: Page Feed (/{page-id}/feed), Page Post
// and the /{object-id}/comments edge (developers.facebook.com/docs/graph-api/reference/page/feed,
// …/reference/post, …/reference/object/comments). Only the fields the connector asks for are described.
import { z } from "zod";
import { GraphTime } from "./graph.schema.ts";

/** Fields requested on each feed post; the counters are field expansions with a summary and no items. */
export const facebookPostFields =
  "id,message,created_time,updated_time,permalink_url,from,shares,comments.limit(0).summary(true),reactions.limit(0).summary(true)";

/** Fields requested on each comment; `parent` is set on replies when reading with `filter=stream`. */
export const facebookCommentFields =
  "id,message,from,created_time,parent{id},like_count,comment_count,permalink_url";

/** Who wrote a post or comment: a Page or a person, with a Page-scoped id (not the global profile id). */
export const FacebookFrom = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
});

/** A summary-only expansion such as `comments.limit(0).summary(true)`. */
const CountSummary = z.object({
  summary: z.object({ total_count: z.number().int().nonnegative() }).partial().optional(),
});

/** A post of the Page feed: the Page's own posts and what visitors post on the Page. */
export const FacebookPost = z.object({
  /** `{page-id}_{post-id}`. */
  id: z.string().min(1),
  /** The text; absent on posts without text (a shared link or photo only). */
  message: z.string().optional(),
  created_time: GraphTime,
  /** Changes when the post is edited or someone comments on it (Page Post reference). */
  updated_time: GraphTime.optional(),
  permalink_url: z.string().optional(),
  from: FacebookFrom.optional(),
  shares: z.object({ count: z.number().int().nonnegative() }).optional(),
  comments: CountSummary.optional(),
  reactions: CountSummary.optional(),
});
export type FacebookPost = z.infer<typeof FacebookPost>;

/** A comment on a post, or a reply to a comment (then `parent` names the comment). */
export const FacebookComment = z.object({
  /** `{post-id}_{comment-id}`. */
  id: z.string().min(1),
  /** Empty for comments that are only a sticker or photo. */
  message: z.string().optional(),
  /** Omitted when Graph does not reveal the commenter to the token. */
  from: FacebookFrom.optional(),
  created_time: GraphTime,
  parent: z.object({ id: z.string().min(1) }).optional(),
  like_count: z.number().int().nonnegative().optional(),
  comment_count: z.number().int().nonnegative().optional(),
  permalink_url: z.string().optional(),
});
export type FacebookComment = z.infer<typeof FacebookComment>;

/** Settings of a Facebook Page connector. */
export const FacebookConfig = z.object({
  /** The numeric Page ID (Page → About → Page transparency, or Meta Business Suite). */
  pageId: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/u, "the numeric Page ID"),
  /** Graph API base with version; another host only for a proxy or a test double. */
  graphBase: z
    .url({ protocol: /^https?$/u })
    .default("https://graph.facebook.com/v21.0")
    .meta({ description: "Graph API base URL with version" }),
});
export type FacebookConfig = z.infer<typeof FacebookConfig>;

/** Secrets of a Facebook Page connector. */
export const FacebookSecrets = z.object({
  /** A Page access token with pages_read_engagement and pages_read_user_content (comments); pages_manage_engagement to send replies. */
  pageAccessToken: z.string().trim().min(1),
});
export type FacebookSecrets = z.infer<typeof FacebookSecrets>;
