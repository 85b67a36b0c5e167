// The Reddit connector's settings and the parts of Reddit's API payloads it reads. Field names and types
// follow the reddit wiki (github.com/reddit-archive/reddit/wiki: JSON — Listing, link, comment, created;
// OAuth2 — "Application Only OAuth"); fields the mapping does not read are left out here but kept in the
// post's `raw`.
import { z } from "zod";

// Subreddit names are 3-21 letters, digits and underscores (a few old ones have 2).
const Subreddit = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_]{2,21}$/u, "a subreddit name without r/, e.g. de or germany");

/** Settings of a Reddit source. */
export const RedditConfig = z
  .object({
    /** Subreddits whose new posts are read, without `r/`, e.g. `de`. */
    subreddits: z.array(Subreddit).max(20).default([]),
    /** Reddit-wide searches, newest first; none: the tracked topics' words are searched. */
    searchQueries: z.array(z.string().trim().min(1).max(512)).max(10).default([]),
    /** Also read the subreddits' new comments (`/r/{sub}/comments`). */
    includeComments: z.boolean().default(false),
    /** The OAuth API; changed only for tests. */
    apiBase: z
      .url({ protocol: /^https?$/u })
      .max(500)
      .default("https://oauth.reddit.com"),
    /** Where the app-only token is fetched; changed only for tests. */
    authUrl: z
      .url({ protocol: /^https?$/u })
      .max(500)
      .default("https://www.reddit.com/api/v1/access_token"),
  })
  .strict();
export type RedditConfig = z.infer<typeof RedditConfig>;

/** Secrets of a Reddit source: a "script" or "web" app from reddit.com/prefs/apps. */
export const RedditSecrets = z
  .object({
    /** The app's client id (under its name on reddit.com/prefs/apps). */
    clientId: z.string().trim().min(1).max(100),
    /** The app's secret. */
    clientSecret: z.string().trim().min(1).max(200),
    /** Reddit asks for `<platform>:<app id>:<version> (by /u/<username>)`; a generic one is sent otherwise. */
    userAgent: z.string().trim().min(1).max(300).optional(),
  })
  .strict();
export type RedditSecrets = z.infer<typeof RedditSecrets>;

/** The access-token answer (OAuth2 wiki: "Application Only OAuth"); app-only tokens have no refresh token. */
export const RedditToken = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  /** Seconds the token is valid (one hour). */
  expires_in: z.number(),
  scope: z.string().optional(),
});

/** Reddit answers some token errors with 200 and an `error` field (`unsupported_grant_type`, …). */
export const RedditTokenError = z.object({
  error: z.union([z.string(), z.number()]),
  message: z.string().optional(),
});

/** A Listing: one page of things, newest first; `after` / `before` are fullnames to page with. */
export const RedditListing = z.object({
  kind: z.literal("Listing"),
  data: z.object({
    after: z.string().nullable(),
    before: z.string().nullable(),
    dist: z.number().int().nullish(),
    modhash: z.string().nullish(),
    /** Each thing is checked on its own, so one broken item does not cost the page. */
    children: z.array(z.unknown()),
  }),
});
export type RedditListing = z.infer<typeof RedditListing>;

// UTC epoch seconds (wiki: JSON, "created"); bounded so that a broken value cannot make an invalid Date.
const EpochSeconds = z.number().min(0).max(32_503_680_000);

// Fullnames: `t1_` comment, `t3_` link, then the base-36 id (wiki: API, "Fullname").
const Fullname = (prefix: "t1" | "t3" | "t1|t3") =>
  z.string().regex(new RegExp(`^(${prefix})_[a-z0-9]+$`, "u"));

/** What every thing in a listing has: enough to keep a cursor, even when the rest is broken. */
export const RedditThingRef = z.object({
  kind: z.string(),
  data: z.object({ name: z.string().min(1), created_utc: EpochSeconds }),
});

/** A link (post), kind `t3` (wiki: JSON, "link"). */
export const RedditLink = z.object({
  kind: z.literal("t3"),
  data: z.object({
    id: z.string().min(1),
    name: Fullname("t3"),
    /** Null for promotional links; `[deleted]` when the account is gone. */
    author: z.string().nullable(),
    title: z.string(),
    /** Markdown of a self post, `""` for a link post; `[deleted]` / `[removed]` when taken down. */
    selftext: z.string().default(""),
    is_self: z.boolean(),
    /** The linked page; the permalink for self posts. */
    url: z.string().nullish(),
    /** Relative, e.g. `/r/de/comments/1h0k2qa/…/`. */
    permalink: z.string(),
    subreddit: z.string(),
    score: z.number().int(),
    num_comments: z.number().int(),
    over_18: z.boolean().optional(),
    created_utc: EpochSeconds,
  }),
});
export type RedditLink = z.infer<typeof RedditLink>;

/** A comment, kind `t1` (wiki: JSON, "comment"). */
export const RedditComment = z.object({
  kind: z.literal("t1"),
  data: z.object({
    id: z.string().min(1),
    name: Fullname("t1"),
    author: z.string(),
    /** Markdown; `[deleted]` / `[removed]` when taken down. */
    body: z.string(),
    /** The link or comment this one replies to. */
    parent_id: Fullname("t1|t3"),
    /** The link the comment is in. */
    link_id: Fullname("t3"),
    link_title: z.string().optional(),
    subreddit: z.string(),
    /** Not in the wiki's table, but sent by the API today; built from link_id and id when absent. */
    permalink: z.string().optional(),
    score: z.number().int().optional(),
    ups: z.number().int().optional(),
    created_utc: EpochSeconds,
  }),
});
export type RedditComment = z.infer<typeof RedditComment>;

/** A thing the connector maps: a link or a comment. */
export const RedditThing = z.discriminatedUnion("kind", [RedditLink, RedditComment]);
export type RedditThing = z.infer<typeof RedditThing>;
