// X API v2 recent search payloads as the reference documents them: GET /2/tweets/search/recent with
// `expansions=author_id` answers `{ data: [Post], includes: { users: [User] }, meta: { newest_id, oldest_id,
// result_count, next_token } }` (docs.x.com/x-api/posts/search-recent-posts, …/fundamentals/data-dictionary).
// Only the fields the connector asks for are described.
import { z } from "zod";

/** The longest query recent search accepts on the self-serve access levels (X API "Build a query"). */
export const xMaxQueryLength = 512;

/** `tweet.fields` requested: the default id, text and edit history, plus these. */
export const xTweetFields =
  "author_id,created_at,lang,public_metrics,conversation_id,in_reply_to_user_id,referenced_tweets";

/** `user.fields` requested: the default id, name and username, plus these. */
export const xUserFields = "username,name,created_at,public_metrics";

/** X's times: ISO 8601 in UTC with milliseconds, e.g. 2026-11-25T11:58:30.000Z. */
const XTime = z.iso.datetime({ offset: true });

/** A post (tweet). */
export const XTweet = z.object({
  /** A snowflake id, decimal. */
  id: z.string().regex(/^\d{1,20}$/u),
  text: z.string(),
  author_id: z.string().min(1),
  created_at: XTime,
  /** BCP 47 code X detected, `und` when it could not tell. */
  lang: z.string().optional(),
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  public_metrics: z
    .object({
      retweet_count: z.number().int().nonnegative(),
      reply_count: z.number().int().nonnegative(),
      like_count: z.number().int().nonnegative(),
      quote_count: z.number().int().nonnegative(),
      bookmark_count: z.number().int().nonnegative(),
      impression_count: z.number().int().nonnegative(),
    })
    .partial()
    .optional(),
  /** `replied_to`, `quoted` or `retweeted`, with the id of that post. */
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
});
export type XTweet = z.infer<typeof XTweet>;

/** An account, as expanded in `includes.users`. */
export const XUser = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  name: z.string().optional(),
  created_at: XTime.optional(),
  public_metrics: z
    .object({
      followers_count: z.number().int().nonnegative(),
      following_count: z.number().int().nonnegative(),
      tweet_count: z.number().int().nonnegative(),
      listed_count: z.number().int().nonnegative(),
    })
    .partial()
    .optional(),
});
export type XUser = z.infer<typeof XUser>;

/** A page of recent search; `data` and `includes` are absent when nothing matched. Items are checked one by one. */
export const XSearchPage = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z.object({ users: z.array(z.unknown()).optional() }).optional(),
  meta: z.object({
    newest_id: z.string().optional(),
    oldest_id: z.string().optional(),
    result_count: z.number().int().nonnegative(),
    /** Present while there is an older page; does not expire. */
    next_token: z.string().optional(),
  }),
});
export type XSearchPage = z.infer<typeof XSearchPage>;

/** Settings of an X connector. */
export const XConfig = z.object({
  /** X search syntax, e.g. `(nordwind OR "nordwind mobil") lang:de -is:retweet`; empty: built from the tracked topics. */
  query: z
    .string()
    .trim()
    .max(xMaxQueryLength)
    .default("")
    .meta({ description: "X search query; empty: built from the tracked topics' words" }),
  /** API host; another one only for a proxy or a test double. */
  apiBase: z
    .url({ protocol: /^https?$/u })
    .default("https://api.x.com")
    .meta({ description: "X API base URL" }),
});
export type XConfig = z.infer<typeof XConfig>;

/** Secrets of an X connector. */
export const XSecrets = z.object({
  /** The app's Bearer token (app-only authentication), from the X developer console. */
  bearerToken: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]+$/u, "a Bearer token (printable ASCII, no spaces)"),
  /** An OAuth 2.0 user access token with tweet.write (user context), to send replies; app-only tokens cannot post. */
  userAccessToken: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]+$/u, "an access token (printable ASCII, no spaces)")
    .optional(),
});
export type XSecrets = z.infer<typeof XSecrets>;
