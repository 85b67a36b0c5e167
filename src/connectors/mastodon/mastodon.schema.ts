// The Mastodon connector's settings and the parts of Mastodon's REST payloads it reads. Field names and
// types follow docs.joinmastodon.org (entities/Status, entities/Account, entities/Notification,
// methods/search); fields the mapping does not read are left out here but kept in the post's `raw`.
import { z } from "zod";

// A hashtag as Mastodon stores it: letters, digits and underscores (methods/timelines#tag takes the name
// without the #). A leading # is accepted in the settings and removed before the request.
const Hashtag = z
  .string()
  .trim()
  .regex(/^#?[\p{L}\p{N}_]{1,100}$/u, "a hashtag: letters, digits and _, with or without the leading #");

/** Settings of a Mastodon source. */
export const MastodonConfig = z
  .object({
    /** The instance whose API is read, e.g. https://mastodon.social. */
    instanceUrl: z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(500),
    /** Hashtag timelines to follow, e.g. `nordwind` or `#Funkloch`. */
    hashtags: z.array(Hashtag).max(20).default([]),
    /** Full-text searches; they need an access token (methods/search#v2). */
    searchQueries: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
    /** Also read the account's mentions (notifications of type `mention`); needs an access token. */
    notifications: z.boolean().default(false),
    /**
     * Follow the hashtags and mentions live over Mastodon's streaming API (needs an access token); searches
     * are always polled. Off: everything is polled.
     */
    live: z.boolean().default(true),
  })
  .refine((c) => c.hashtags.length > 0 || c.searchQueries.length > 0 || c.notifications, {
    message: "follow at least one hashtag, search or the mentions",
  });
export type MastodonConfig = z.infer<typeof MastodonConfig>;

/** The configured hashtags as the API takes them: lower case, without #, each once. */
export function hashtagNames(config: Pick<MastodonConfig, "hashtags">): string[] {
  return [...new Set(config.hashtags.map((t) => t.replace(/^#/u, "").toLowerCase()))];
}

/** Secrets of a Mastodon source. */
export const MastodonSecrets = z.object({
  /** A user access token with `read:search` and `read:notifications`, and `write:statuses` to send replies (Preferences → Development). */
  accessToken: z.string().trim().min(1).max(500).optional(),
});
export type MastodonSecrets = z.infer<typeof MastodonSecrets>;

/** entities/Account: the author of a status. */
export const MastodonAccount = z.object({
  id: z.string().min(1),
  username: z.string(),
  /** `username` for local accounts, `username@domain` for remote ones. */
  acct: z.string().min(1),
  display_name: z.string(),
  url: z.string().nullish(),
  bot: z.boolean().optional(),
  /** Since 3.4.0 the date at midnight, not the exact time. */
  created_at: z.string(),
  followers_count: z.number().int(),
});
export type MastodonAccount = z.infer<typeof MastodonAccount>;

const MastodonStatusFields = {
  /** Database id on the instance that answered (not the same on other instances). */
  id: z.string().min(1),
  /** The federation URI, the same on every instance. */
  uri: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  account: MastodonAccount,
  /** Sanitised HTML. */
  content: z.string(),
  visibility: z.string(),
  sensitive: z.boolean(),
  /** Plain text shown before the collapsed content (content warning). */
  spoiler_text: z.string(),
  url: z.string().nullable(),
  in_reply_to_id: z.string().nullable(),
  replies_count: z.number().int(),
  reblogs_count: z.number().int(),
  favourites_count: z.number().int(),
  /** ISO 639-1 code or null. */
  language: z.string().nullable(),
  /** Since 3.5.0; an edited status keeps its id. */
  edited_at: z.string().nullish(),
};

/** entities/Status. A boost carries the boosted status in `reblog` (which never boosts again). */
export const MastodonStatus = z.object({
  ...MastodonStatusFields,
  reblog: z.object(MastodonStatusFields).nullable(),
});
export type MastodonStatus = z.infer<typeof MastodonStatus>;

/** entities/Notification, as far as the connector reads it; `status` is present for mentions. */
export const MastodonNotification = z.object({
  id: z.string().min(1),
  type: z.string(),
  created_at: z.string(),
  status: z.unknown().optional(),
});

/** entities/Search: the answer of GET /api/v2/search; statuses are parsed one by one. */
export const MastodonSearchResults = z.object({
  accounts: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()),
  hashtags: z.array(z.unknown()).optional(),
});

/** What the connector remembers between polls: the newest id seen per stream. */
export const MastodonCursor = z.object({
  /** Hashtag (lower case, without #) → newest status id read from its timeline. */
  tags: z.record(z.string(), z.string()).default({}),
  /** Search query → newest status id found by it. */
  search: z.record(z.string(), z.string()).default({}),
  /** Newest notification id read (a notification id, not a status id). */
  notifications: z.string().optional(),
});
export type MastodonCursor = z.infer<typeof MastodonCursor>;

/** entities/Instance (GET /api/v2/instance), as far as the live connection reads it: the streaming host. */
export const MastodonInstance = z.object({
  configuration: z.object({
    /** e.g. `wss://streaming.mastodon.social`; the instance's own host when it serves the stream itself. */
    urls: z.object({ streaming: z.string().max(500).nullish() }),
  }),
});

/**
 * One message of the WebSocket streaming API (methods/streaming#websocket): the event, the stream it
 * belongs to (`["hashtag", "nordwind"]`), and the payload as a string (a JSON-encoded entity, or the bare
 * id for `delete`). An invalid subscription answers `{"error": …, "status": 400}` instead.
 */
export const MastodonStreamEvent = z.object({
  stream: z.array(z.string()).optional(),
  event: z.string(),
  payload: z.string().optional(),
});
