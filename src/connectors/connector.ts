// The contract every connector implements. A connector turns one platform's API into posts: it is polled
// with its settings, its secrets and the cursor it returned last time, and answers with the new posts and
// the next cursor. The runner (connectors.runner.ts) schedules polls, keeps cursors and health across
// restarts, backs off on errors and honours rate limits; a connector only talks to its platform.
import type { z } from "zod";
import type {
  OutboundStream,
  OutboundStreamOptions,
  OutboundWebSocket,
} from "../platform/net/outbound.stream.ts";
import { OutboundError, type OutboundRequest, type OutboundResponse } from "../platform/net/outbound.ts";
import type { PostCreate } from "../posts/posts.schema.ts";

/**
 * A post as a connector hands it over: the JSON shape of the Post model (`postedAt` and `author.createdAt`
 * as ISO strings). The runner validates each with the PostCreate schema; one that fails is counted and
 * skipped, the others go on.
 */
export type PostInput = z.input<typeof PostCreate>;

/** What a connector may use: the SSRF-guarded HTTP client, the clock, and a signal that ends the poll. */
export interface ConnectorContext {
  /** Every request goes through the SSRF guard; redirects are returned, not followed. */
  request(
    req: OutboundRequest,
    options?: { timeoutMs?: number; bodyLimit?: number },
  ): Promise<OutboundResponse>;
  now(): Date;
  signal: AbortSignal;
  /** The tracked topics' words, for platforms that need a search term or filter (Bluesky, X, Reddit). */
  searchTerms: readonly string[];
}

/** The outcome of one poll. */
export interface PollResult {
  /** New or edited posts, mapped to the Post model (ingest is idempotent on platform + external id). */
  posts: PostInput[];
  /** External ids the platform reports as deleted since the last poll. */
  deleted?: string[];
  /** Stored and handed to the next poll; JSON only. */
  cursor: unknown;
  /** True when the platform has more right now (the runner polls again at once instead of waiting). */
  more?: boolean;
}

/** What a live connection hands over as it arrives. */
export interface StreamBatch {
  /** New or edited posts, mapped to the Post model. */
  posts: PostInput[];
  /** External ids the platform reports as deleted. */
  deleted?: string[];
  /** Replaces the stored cursor when present (platforms that can resume a stream, e.g. Jetstream's time_us). */
  cursor?: unknown;
}

/** What a streaming connector may use besides the poll context. */
export interface StreamContext extends ConnectorContext {
  /**
   * Hands a batch to the pipeline and stores its cursor; await it (that is the backpressure). Group what
   * arrives within a moment into one batch rather than calling it per post.
   */
  emit(batch: StreamBatch): Promise<void>;
  /**
   * Counts a message of the connection that could not be used (unreadable, not a post, malformed), by a
   * short fixed reason; shown at /metrics (`brandwache_connector_stream_skipped_total`).
   */
  skipped(reason: string, count?: number): void;
  /**
   * Which of these external ids (of the connector's platform) the organisation has stored: for deletions
   * and edits a connection hears of posts it did not deliver itself (one query, up to 20,000 ids).
   */
  stored(externalIds: readonly string[]): Promise<Set<string>>;
  /** Opens a long-lived HTTP request (server-sent events, NDJSON) through the SSRF guard. */
  openStream(req: OutboundRequest, options?: OutboundStreamOptions): Promise<OutboundStream>;
  /** Opens a WebSocket (`ws:` or `wss:` URL) through the SSRF guard. */
  openWebSocket(
    url: string,
    options?: OutboundStreamOptions & { headers?: Record<string, string> },
  ): Promise<OutboundWebSocket>;
}

/** Why a poll failed; `rate_limited` and `transient` are retried, `auth` and `config` wait for a person. */
export type ConnectorErrorKind = "rate_limited" | "transient" | "auth" | "config";

/** A failure the runner understands: what kind, and when to try again if the platform said so. */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly kind: ConnectorErrorKind,
    /** From Retry-After or the platform's rate-limit reset header. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

/** What to publish: a new post, or a reply when `inReplyTo` names the post answered. */
export interface PublishInput {
  /** The text as approved; sent as it is. */
  text: string;
  lang: "de" | "en" | "other";
  /** The post answered, as stored: its platform id, link and the platform's payload (`raw`). */
  inReplyTo?: { externalId: string; url?: string | null; raw?: unknown };
  /**
   * Stable per draft and version: platforms that honour an idempotency key (Mastodon) post a retried
   * request once.
   */
  idempotencyKey?: string;
}

/** Where the published post is now. */
export interface PublishResult {
  /** The platform's id of the new post. */
  externalId: string;
  /** Its public link, when the platform tells or it can be built. */
  url: string | null;
}

/** One connector: its settings (shown in the app), its secrets (encrypted at rest, never returned) and `poll`. */
export interface Connector<Config = unknown, Secrets = unknown> {
  /** Stable name, also the source kind: `rss`, `mastodon`, `bluesky`, `reddit`, … */
  kind: string;
  /** The platform its posts carry. */
  platform: PostInput["platform"];
  /** `push` connectors receive posts (the generic webhook) and are never polled; default `poll`. */
  mode?: "poll" | "push";
  /** In German and English, for the settings page. */
  title: { de: string; en: string };
  description: { de: string; en: string };
  /** Non-secret settings (instance URL, hashtags, feed URL …). */
  config: z.ZodType<Config>;
  /** Tokens and keys; `z.object({})` when there are none. */
  secrets: z.ZodType<Secrets>;
  /** How often it is polled when nothing is pending. */
  pollSeconds: number;
  poll(config: Config, secrets: Secrets, cursor: unknown, ctx: ConnectorContext): Promise<PollResult>;
  /**
   * Holds a live connection (a streaming API or firehose) and hands posts over through `ctx.emit` as they
   * arrive, until `ctx.signal` aborts (resolve), the platform closes the connection (resolve) or it fails
   * (throw a ConnectorError, as `poll` does). The runner calls `poll` first to catch up with what was
   * written while no connection was open, then `stream`, and again both after a connection ends.
   * Streaming connectors have a `live` setting (default true); with `live: false` they are only polled.
   * Absent: the connector is only polled.
   */
  stream?(config: Config, secrets: Secrets, cursor: unknown, ctx: StreamContext): Promise<void>;
  /**
   * Whether these settings can hold a live connection at all (Mastodon needs an access token and a hashtag
   * or the mentions); when false, the connector is only polled. Absent: whenever `live` is on.
   */
  canStream?(config: Config, secrets: Secrets): boolean;
  /** The most characters (graphemes) one published text may have on the platform; absent: no limit known. */
  maxTextLength?: number;
  /**
   * Publishes a reply or a new post as the connected account, where the platform allows it; absent on
   * read-only connectors (RSS, Reddit, webhook), whose drafts are sent by hand. Throws a ConnectorError:
   * `auth` for refused credentials, `rate_limited` with the wait, `transient` for outages, `config` for
   * what needs other settings (a missing write token, a platform that takes no new posts of this kind).
   */
  publish?(
    config: Config,
    secrets: Secrets,
    input: PublishInput,
    ctx: ConnectorContext,
  ): Promise<PublishResult>;
}

/**
 * The wait a Retry-After header asks for, in ms: delta-seconds or an HTTP date; null when absent or
 * unreadable. Capped at a day so a broken header cannot stop a connector for good.
 */
export function retryAfterMs(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/u.test(trimmed)) return Math.min(Number(trimmed) * 1000, 86_400_000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now.getTime()), 86_400_000);
}

/**
 * Turns a platform's HTTP answer into a ConnectorError when it is not a success: 429 and 5xx are retried
 * (honouring Retry-After), 401/403 need new credentials, other 4xx a fix of the settings.
 */
export function checkResponse(res: OutboundResponse, what: string, now: Date): void {
  if (res.status >= 200 && res.status < 300) return;
  const wait = retryAfterMs(res.headers["retry-after"], now) ?? undefined;
  const detail = res.body.slice(0, 200).replace(/\s+/gu, " ").trim();
  const message = `${what}: HTTP ${res.status}${detail ? ` (${detail})` : ""}`;
  if (res.status === 429) throw new ConnectorError(message, "rate_limited", wait);
  if (res.status >= 500 || res.status === 408) throw new ConnectorError(message, "transient", wait);
  if (res.status === 401 || res.status === 403) throw new ConnectorError(message, "auth");
  throw new ConnectorError(message, "config");
}

/**
 * Sends one write request (a publish) through the connector's guarded client. A timeout or an unreachable
 * host is `transient`: the request may or may not have arrived, which is why publishing sends an
 * idempotency key where the platform takes one. A refused address needs other settings.
 */
export async function sendWrite(
  ctx: ConnectorContext,
  req: OutboundRequest,
  what: string,
  options: { timeoutMs?: number; bodyLimit?: number } = {},
): Promise<OutboundResponse> {
  ctx.signal.throwIfAborted();
  try {
    return await ctx.request(req, { timeoutMs: 30_000, bodyLimit: 1024 * 1024, ...options });
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    const retry = error.reason === "timeout" || error.reason === "network";
    throw new ConnectorError(`${what}: ${error.message}`, retry ? "transient" : "config");
  }
}

/**
 * The JSON body of a successful answer; a `transient` ConnectorError when it is not JSON or, given the
 * `bodyLimit` it was read with, when it was cut off there.
 */
export function jsonBody(res: OutboundResponse, what: string, bodyLimit?: number): unknown {
  if (bodyLimit !== undefined && res.truncated)
    throw new ConnectorError(`${what}: the answer is larger than ${bodyLimit} bytes`, "transient");
  try {
    return JSON.parse(res.body);
  } catch {
    throw new ConnectorError(`${what}: the answer is not JSON`, "transient");
  }
}
