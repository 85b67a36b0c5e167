// The Bluesky connector's settings and the parts of the AT Protocol payloads it reads. Field names and
// types follow the Lexicons (docs.bsky.app, bluesky-social/atproto lexicons/): app.bsky.feed.searchPosts,
// app.bsky.feed.defs#postView, app.bsky.actor.defs#profileViewBasic, app.bsky.feed.post and
// com.atproto.server.createSession. Fields the mapping does not read stay in the post's `raw`.
import { z } from "zod";

/** Settings of a Bluesky source. */
export const BlueskyConfig = z.object({
  /** The AppView that answers searches without an account. */
  serviceUrl: z
    .url({ protocol: /^https$/, hostname: z.regexes.domain })
    .max(500)
    .default("https://public.api.bsky.app"),
  /**
   * Where the app password signs in: the account's PDS (bsky.social for accounts hosted by Bluesky). Signed-in
   * searches go there too, and it forwards them to its AppView.
   */
  pdsUrl: z
    .url({ protocol: /^https$/, hostname: z.regexes.domain })
    .max(500)
    .default("https://bsky.social"),
  /** Searches, Lucene syntax as the AppView takes it, e.g. `nordwind OR "nordwind mobil"`. */
  queries: z.array(z.string().trim().min(1).max(300)).min(1).max(10),
  /** Only posts in this language (the AppView's `lang` filter). */
  lang: z.enum(["de", "en"]).optional(),
  /** Also hold a live Jetstream connection between polls; with false the source is only searched. */
  live: z.boolean().default(true),
  /** The Jetstream instance's subscribe endpoint (github.com/bluesky-social/jetstream "Public Instances"). */
  jetstreamUrl: z
    .url({ protocol: /^wss?$/, hostname: z.regexes.domain })
    .max(500)
    .default("wss://jetstream2.us-east.bsky.network/subscribe"),
});
export type BlueskyConfig = z.infer<typeof BlueskyConfig>;

/** Secrets of a Bluesky source: an account and an app password (Settings → Privacy and security → App passwords). */
export const BlueskySecrets = z
  .object({
    /** Handle or e-mail of the account, e.g. `nordwind-monitor.bsky.social`. */
    identifier: z.string().trim().min(1).max(300).optional(),
    /** An app password, never the account password. */
    appPassword: z.string().trim().min(1).max(300).optional(),
  })
  .refine((s) => (s.identifier === undefined) === (s.appPassword === undefined), {
    message: "give the account and its app password together, or neither",
  });
export type BlueskySecrets = z.infer<typeof BlueskySecrets>;

/** app.bsky.actor.defs#profileViewBasic: the author of a post. */
export const BlueskyProfileViewBasic = z.object({
  did: z.string().startsWith("did:"),
  /** `handle.invalid` when the handle no longer resolves to the DID. */
  handle: z.string().min(1),
  displayName: z.string().optional(),
  avatar: z.string().optional(),
  createdAt: z.string().optional(),
});

/** app.bsky.feed.post: the record inside a postView. */
export const BlueskyPostRecord = z.object({
  $type: z.literal("app.bsky.feed.post"),
  text: z.string(),
  /** Written by the client: may lie, may lack an offset. */
  createdAt: z.string(),
  /** Up to 3 BCP 47 tags, e.g. `de` or `en-US`. */
  langs: z.array(z.string()).optional(),
  reply: z
    .object({
      root: z.object({ uri: z.string(), cid: z.string() }),
      parent: z.object({ uri: z.string(), cid: z.string() }),
    })
    .optional(),
});

/** app.bsky.feed.defs#postView. */
export const BlueskyPostView = z.object({
  /** `at://<did>/app.bsky.feed.post/<rkey>`. */
  uri: z.string(),
  cid: z.string(),
  author: BlueskyProfileViewBasic,
  record: BlueskyPostRecord,
  replyCount: z.number().int().optional(),
  repostCount: z.number().int().optional(),
  likeCount: z.number().int().optional(),
  quoteCount: z.number().int().optional(),
  /** When the AppView indexed the post. */
  indexedAt: z.iso.datetime({ offset: true }),
});
export type BlueskyPostView = z.infer<typeof BlueskyPostView>;

/** Output of app.bsky.feed.searchPosts; posts are parsed one by one. */
export const BlueskySearchPostsOutput = z.object({
  /** Absent on the last page; "may not necessarily allow scrolling through entire result set". */
  cursor: z.string().optional(),
  hitsTotal: z.number().int().optional(),
  posts: z.array(z.unknown()),
});

/** Output of com.atproto.server.createSession, as far as it is read. */
export const BlueskySession = z.object({
  accessJwt: z.string().min(1),
  refreshJwt: z.string(),
  handle: z.string(),
  did: z.string(),
});

/** The body of an XRPC error, e.g. `{"error":"ExpiredToken","message":"Token has expired"}`. */
export const XrpcError = z.object({ error: z.string(), message: z.string().optional() });

/** What one search has delivered; see bluesky.connector.ts for how a sweep works. */
const QueryState = z.object({
  /** Watermark (ISO): posts sorted at or before it were delivered. Absent until the first post. */
  since: z.string().optional(),
  /** Posts inside the watermark's overlap already delivered: at-uri → when sorted (ISO). */
  seen: z.record(z.string(), z.string()),
  /** A sweep the last poll could not finish. */
  sweep: z
    .object({
      /** searchPosts `cursor` of the next, older page. */
      cursor: z.string(),
      /** Newest post delivered in this sweep, the next watermark (ISO). */
      newest: z.string().optional(),
      /** When the sweep began (ISO); an old one starts over, its cursor may have gone stale. */
      startedAt: z.string(),
    })
    .optional(),
});
export type QueryState = z.infer<typeof QueryState>;

/** The cursor of the Bluesky connector: one state per search, and where the live connection stopped. */
export const BlueskyCursor = z.object({
  queries: z.record(z.string(), QueryState),
  /** `time_us` of the last Jetstream event handled; a new connection resumes a little before it. */
  jetstreamTimeUs: z.number().int().positive().optional(),
});
export type BlueskyCursor = z.infer<typeof BlueskyCursor>;

/** Output of app.bsky.actor.getProfiles; profiles (profileViewDetailed) are parsed one by one. */
export const BlueskyGetProfilesOutput = z.object({ profiles: z.array(z.unknown()) });

/**
 * A Jetstream event (github.com/bluesky-social/jetstream README, "Example events"): every event has the
 * repo's DID, `time_us` (the cursor) and a `kind`; only `commit` events carry records. `identity`,
 * `account` and `heartbeat` events are read for their `time_us` only.
 */
export const JetstreamEvent = z.object({
  did: z.string().startsWith("did:").optional(),
  /** Unix microseconds; the value a client resumes from with `?cursor=`. */
  time_us: z.number().int().positive().optional(),
  kind: z.string(),
  commit: z
    .object({
      rev: z.string(),
      operation: z.enum(["create", "update", "delete"]),
      collection: z.string(),
      rkey: z.string(),
      /** Absent on deletes; the record as written, for app.bsky.feed.post an app.bsky.feed.post record. */
      record: z.unknown().optional(),
      cid: z.string().optional(),
    })
    .optional(),
});
export type JetstreamEvent = z.infer<typeof JetstreamEvent>;
