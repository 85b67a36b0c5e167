// X API v2 recent search payloads as the reference documents them: GET /2/tweets/search/recent with
// `expansions=author_id` answers `{ data: [Post], includes: { users: [User] }, meta: { newest_id, oldest_id,
// result_count, next_token } }` (docs.x.com/x-api/posts/search-recent-posts, …/fundamentals/data-dictionary).
// Only the fields the connector asks for are described.
import { z } from "zod";

/**
 * The longest query recent search accepts on the self-serve access levels (X API "Build a query"). It is
 * also the smallest documented limit of a filtered-stream rule (Basic 512, Pro 1,024, Enterprise 2,048
 * characters; "Filtered stream introduction"), so the query the poll accepts is a valid rule on every level.
 */
export const xMaxQueryLength = 512;

/** `tweet.fields` requested: the default id, text and edit history, plus these. */
export const xTweetFields =
  "author_id,created_at,lang,public_metrics,conversation_id,in_reply_to_user_id,referenced_tweets";

/** `user.fields` requested: the default id, name and username, plus these. */
export const xUserFields = "username,name,created_at,public_metrics";

/** X's times: ISO 8601 in UTC with milliseconds, e.g. 2026-11-25T11:58:30.000Z. */
const XTime = z.iso.datetime({ offset: true });

/** A snowflake id, decimal. */
const XId = z.string().regex(/^\d{1,20}$/u);

/** A post (tweet). */
export const XTweet = z.object({
  /** A snowflake id, decimal; every edit of a post is a new version with its own id. */
  id: XId,
  /** The ids of all versions, oldest first (a default field): the first is the post as first written. */
  edit_history_tweet_ids: z.array(XId).min(1).optional(),
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

// The filtered stream (docs.x.com/x-api/stream/…): rules are managed with GET and POST
// /2/tweets/search/stream/rules and apply to every connection of the app; GET /2/tweets/search/stream
// then writes one JSON object per line (`\r\n`), `{ data: Post, includes: { users }, matching_rules }`.

/** One filter rule of the app: `tag` is free text the app chose when adding it. */
export const XStreamRule = z.object({ id: XId, value: z.string(), tag: z.string().optional() });
export type XStreamRule = z.infer<typeof XStreamRule>;

/** An RFC 7807 problem as X writes it in `errors`; rule problems add the rule's `value` (and `id`). */
export const XProblem = z.looseObject({
  title: z.string().optional(),
  type: z.string().optional(),
  detail: z.string().optional(),
  /** The rule a rule problem is about; for `DuplicateRule` with the `id` of the rule that has it. */
  value: z.string().optional(),
  id: z.string().optional(),
  details: z.array(z.string()).optional(),
});
export type XProblem = z.infer<typeof XProblem>;

/** GET /2/tweets/search/stream/rules: `data` is absent when the app has no rule. */
export const XRulesPage = z.object({
  data: z.array(XStreamRule).optional(),
  meta: z
    .object({ result_count: z.number().int().nonnegative(), next_token: z.string() })
    .partial()
    .optional(),
});
export type XRulesPage = z.infer<typeof XRulesPage>;

/** POST /2/tweets/search/stream/rules: the rules created, counts in `meta.summary`, refusals in `errors`. */
export const XRulesChange = z.object({
  data: z.array(XStreamRule).optional(),
  meta: z
    .object({
      summary: z
        .object({
          created: z.number(),
          not_created: z.number(),
          valid: z.number(),
          invalid: z.number(),
          deleted: z.number(),
          not_deleted: z.number(),
        })
        .partial()
        .optional(),
    })
    .optional(),
  errors: z.array(XProblem).optional(),
});
export type XRulesChange = z.infer<typeof XRulesChange>;

/** One line of the filtered stream: a post with its authors and the rules it matched, or problems. */
export const XStreamLine = z.object({
  /** Checked on its own (XTweet), so a malformed post is skipped as in a search page. */
  data: z.unknown().optional(),
  includes: z.object({ users: z.array(z.unknown()).optional() }).optional(),
  matching_rules: z.array(z.object({ id: z.string(), tag: z.string().optional() })).optional(),
  /** E.g. `operational-disconnect` just before X closes the connection. */
  errors: z.array(XProblem).optional(),
});
export type XStreamLine = z.infer<typeof XStreamLine>;

/** Settings of an X connector. */
export const XConfig = z.object({
  /** X search syntax, e.g. `(nordwind OR "nordwind mobil") lang:de -is:retweet`; empty: built from the tracked topics. */
  query: z
    .string()
    .trim()
    .max(xMaxQueryLength)
    .default("")
    .meta({ description: "X search query; empty: built from the tracked topics' words" }),
  /**
   * Also hold X's filtered stream open (GET /2/tweets/search/stream) for posts within seconds; the poll
   * still catches up after each connection. Off: only polled.
   */
  live: z
    .boolean()
    .default(true)
    .meta({ description: "Receive posts live through the filtered stream; off: polled only" }),
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

/**
 * Where a poll stands: the newest post delivered and, while one answer spans several polls, its next
 * page. The filtered stream moves `newestId` on as posts arrive, so the poll after a connection only
 * catches up with what came while none was open.
 */
export const XCursor = z.object({
  /** The newest post delivered; the next `since_id`. */
  newestId: z
    .string()
    .regex(/^\d{1,20}$/u)
    .optional(),
  /** An answer whose older pages are still to read; `next_token` only works with the same parameters. */
  paging: z
    .object({
      query: z.string(),
      nextToken: z.string(),
      sinceId: z.string().optional(),
      startTime: z.string().optional(),
      /** The newest id of the answer's first page: `newestId` once the last page is read. */
      newestId: z.string(),
    })
    .optional(),
});
export type XCursor = z.infer<typeof XCursor>;
