// The live connection of the Mastodon connector: one WebSocket to the instance's streaming API that follows
// the configured hashtags and the account's mentions as they are written (docs.joinmastodon.org/methods/
// streaming). Full-text searches cannot be streamed; they stay with the poll, which the runner runs before
// each connection, so a connection is ended now and then while searches are configured.

import { OutboundStatusError, type OutboundWebSocket } from "../../platform/net/outbound.stream.ts";
import { OutboundError } from "../../platform/net/outbound.ts";
import {
  ConnectorError,
  type PostInput,
  retryAfterMs,
  type StreamBatch,
  type StreamContext,
} from "../connector.ts";
import { idOf, type MastodonApi, mastodonApi, newestId, readTimeline } from "./mastodon.api.ts";
import { mapMastodonStatus, mentionToPost } from "./mastodon.map.ts";
import {
  hashtagNames,
  type MastodonConfig,
  MastodonCursor,
  MastodonInstance,
  MastodonNotification,
  type MastodonSecrets,
  MastodonStreamEvent,
} from "./mastodon.schema.ts";

/** Timings of the live connection; tests shorten them. */
export interface MastodonStreamOptions {
  /** What arrives within this time after the first item goes into one batch. */
  batchMs: number;
  /** A batch is handed over at once when it holds this many posts and deletions. */
  batchMax: number;
  /** With searches configured, the connection ends after this long so the runner polls them again. */
  searchRefreshMs: number;
  /** With nothing to stream (no token, only searches), the call waits this long, then the runner polls. */
  idleWaitMs: number;
}

export const mastodonStreamDefaults: MastodonStreamOptions = {
  batchMs: 250,
  batchMax: 100,
  searchRefreshMs: 5 * 60_000,
  // The poll interval of the connector (pollSeconds).
  idleWaitMs: 60_000,
};

/** `Connector.stream` of the Mastodon connector. */
/** Live needs an access token (Mastodon 4.2 and later refuse streams without one) and something to follow. */
export function canStreamMastodon(config: MastodonConfig, secrets: MastodonSecrets): boolean {
  return (
    config.live && Boolean(secrets.accessToken) && (hashtagNames(config).length > 0 || config.notifications)
  );
}

export function streamMastodon(
  config: MastodonConfig,
  secrets: MastodonSecrets,
  cursor: unknown,
  ctx: StreamContext,
): Promise<void> {
  return runMastodonStream(config, secrets, cursor, ctx, mastodonStreamDefaults);
}

/**
 * Holds the connection until `ctx.signal` aborts, the server closes it, or (with searches configured) the
 * refresh time has passed; resolves then. Throws a ConnectorError when it cannot connect or breaks.
 *
 * Without an access token (Mastodon 4.2 and later refuse streams without one) or with nothing to follow
 * live, it opens nothing: it waits `idleWaitMs` and resolves, so the source is polled as before.
 */
export async function runMastodonStream(
  config: MastodonConfig,
  secrets: MastodonSecrets,
  cursorIn: unknown,
  ctx: StreamContext,
  options: MastodonStreamOptions,
): Promise<void> {
  const tags = hashtagNames(config);
  const token = secrets.accessToken;
  if (!token || !canStreamMastodon(config, secrets)) {
    await wait(options.idleWaitMs, ctx.signal);
    return;
  }
  const api = mastodonApi(config.instanceUrl, token, ctx);
  let socket: OutboundWebSocket;
  try {
    const url = new URL("/api/v1/streaming", await streamingBase(api, config.instanceUrl));
    socket = await ctx.openWebSocket(url.toString(), { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    if (ctx.signal.aborted) return;
    throw connectError(error, ctx.now());
  }

  const cursor = MastodonCursor.safeParse(cursorIn ?? {}).data ?? { tags: {}, search: {} };
  const batches = new Batcher(ctx, socket, options, () => structuredClone(cursor));
  const end = () => socket.close();
  ctx.signal.addEventListener("abort", end, { once: true });
  const refresh = config.searchQueries.length > 0 ? setTimeout(end, options.searchRefreshMs) : undefined;
  try {
    if (ctx.signal.aborted) return;
    for (const tag of tags) socket.send(JSON.stringify({ type: "subscribe", stream: "hashtag", tag }));
    if (config.notifications) socket.send(JSON.stringify({ type: "subscribe", stream: "user:notification" }));

    // What was written between the catch-up poll and the subscriptions: read once from the poll's cursor.
    // A hashtag (or the mentions) whose gap fills more than the poll's page bound keeps its cursor for this
    // connection, so the next poll walks it; the others move their cursor with what the stream delivers.
    const live = await closeGap(api, config, tags, cursor, batches);

    try {
      for await (const frame of socket.messages) {
        const reason = handleFrame(frame, api.host, live, cursor, batches);
        if (reason) ctx.skipped(reason);
        await batches.added();
      }
    } catch (error) {
      if (ctx.signal.aborted || batches.failed) return await batches.stop();
      await batches.flush().catch(() => undefined);
      throw streamError(error);
    }
    // Ended by an abort: what was not handed over yet is read again by the next poll (its cursor was not
    // stored). Ended by the server or the refresh timer: hand it over first.
    if (ctx.signal.aborted || batches.failed) return await batches.stop();
    await batches.flush();
  } catch (error) {
    // An abort while the gap was read ends the call quietly, as one while connected does.
    if (ctx.signal.aborted) return await batches.stop();
    throw error;
  } finally {
    clearTimeout(refresh);
    ctx.signal.removeEventListener("abort", end);
    socket.close();
  }
}

/** Which streams move the stored cursor as the stream delivers (their gap was read completely). */
interface LiveCursors {
  tags: Set<string>;
  notifications: boolean;
}

async function closeGap(
  api: MastodonApi,
  config: MastodonConfig,
  tags: readonly string[],
  cursor: MastodonCursor,
  batches: Batcher,
): Promise<LiveCursors> {
  const live: LiveCursors = { tags: new Set(), notifications: false };
  const statusToPost = (item: unknown) => mapMastodonStatus(item, api.host);
  for (const tag of tags) {
    const path = `/api/v1/timelines/tag/${encodeURIComponent(tag)}`;
    const read = await readTimeline(api, path, {}, cursor.tags[tag], statusToPost, `#${tag}`, true);
    for (const post of read.posts) batches.addPost(post);
    if (read.more) continue;
    live.tags.add(tag);
    if (read.newest !== undefined && read.newest !== cursor.tags[tag]) {
      cursor.tags[tag] = read.newest;
      batches.cursorChanged();
    }
  }
  if (config.notifications) {
    const read = await readTimeline(
      api,
      "/api/v1/notifications",
      { "types[]": "mention" },
      cursor.notifications,
      (item) => mentionToPost(item, api.host),
      "mentions",
    );
    for (const post of read.posts) batches.addPost(post);
    if (!read.more) {
      live.notifications = true;
      if (read.newest !== undefined && read.newest !== cursor.notifications) {
        cursor.notifications = read.newest;
        batches.cursorChanged();
      }
    }
  }
  await batches.added();
  return live;
}

/**
 * Takes one frame into the batch; answers why it was skipped, or null. `update` and `status.update` carry
 * a Status, `notification` a Notification (only mentions become posts, as in the poll), `delete` the id of
 * a deleted status, which is the post's external id (mapMastodonStatus keeps the instance's status id).
 */
function handleFrame(
  frame: string,
  host: string,
  live: LiveCursors,
  cursor: MastodonCursor,
  batches: Batcher,
): string | null {
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return "not JSON";
  }
  if (typeof message === "object" && message !== null && "error" in message) return "error answer";
  const parsed = MastodonStreamEvent.safeParse(message);
  if (!parsed.success) return "not an event";
  const { event, payload, stream } = parsed.data;
  switch (event) {
    case "update":
    case "status.update": {
      const status = parsePayload(payload);
      if (status === undefined) return `${event} without a status`;
      const post = mapMastodonStatus(status, host);
      if (post) batches.addPost(post);
      // Only new statuses move the cursor (an edit keeps its old id); only on the hashtag's own stream.
      const tag = stream?.[0] === "hashtag" ? stream[1]?.toLowerCase() : undefined;
      const id = idOf(status);
      if (event === "update" && tag && live.tags.has(tag) && id !== undefined) {
        const newest = newestId([cursor.tags[tag], id]);
        if (newest !== cursor.tags[tag] && newest !== undefined) {
          cursor.tags[tag] = newest;
          batches.cursorChanged();
        }
      }
      return null;
    }
    case "notification": {
      const notification = MastodonNotification.safeParse(parsePayload(payload));
      if (!notification.success) return "notification without a notification";
      if (notification.data.type !== "mention") return null;
      const post = mentionToPost(notification.data, host);
      if (post) batches.addPost(post);
      if (live.notifications) {
        const newest = newestId([cursor.notifications, notification.data.id]);
        if (newest !== cursor.notifications) {
          cursor.notifications = newest;
          batches.cursorChanged();
        }
      }
      return null;
    }
    case "delete":
      if (!payload || payload.length > 100) return "delete without an id";
      batches.addDeleted(payload);
      return null;
    default:
      // filters_changed, announcement …: nothing a monitored post needs.
      return null;
  }
}

function parsePayload(payload: string | undefined): unknown {
  if (payload === undefined) return undefined;
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
}

/**
 * Collects posts, deletions and cursor moves and hands them to `ctx.emit` as one batch, `batchMs` after
 * the first item or at once when `batchMax` items wait. Emits run one after the other; a failed emit ends
 * the connection and is thrown by `stop`.
 */
class Batcher {
  private posts = new Map<string, PostInput>();
  private deleted = new Set<string>();
  private cursorMoved = false;
  private timer: NodeJS.Timeout | undefined;
  private emitting: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly ctx: StreamContext,
    private readonly socket: OutboundWebSocket,
    private readonly options: MastodonStreamOptions,
    private readonly cursor: () => MastodonCursor,
  ) {}

  get failed(): boolean {
    return this.failure !== undefined;
  }

  addPost(post: PostInput): void {
    // A later version of the same status (an edit) replaces the earlier one in the batch.
    this.posts.set(post.externalId, post);
  }

  addDeleted(id: string): void {
    this.posts.delete(id);
    this.deleted.add(id);
  }

  cursorChanged(): void {
    this.cursorMoved = true;
  }

  /** After adding: hands a full batch over (and waits for it), or makes sure one is handed over soon. */
  async added(): Promise<void> {
    if (this.posts.size + this.deleted.size >= this.options.batchMax) return this.flush();
    if (this.timer === undefined && (this.posts.size > 0 || this.deleted.size > 0 || this.cursorMoved)) {
      this.timer = setTimeout(() => {
        this.flush().catch(() => undefined);
      }, this.options.batchMs);
    }
  }

  /** Hands what waits over; resolves when it (and every earlier batch) was taken. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.posts.size === 0 && this.deleted.size === 0 && !this.cursorMoved) return this.emitting;
    const batch: StreamBatch = {
      posts: [...this.posts.values()],
      ...(this.deleted.size > 0 && { deleted: [...this.deleted] }),
      ...(this.cursorMoved && { cursor: this.cursor() }),
    };
    this.posts = new Map();
    this.deleted = new Set();
    this.cursorMoved = false;
    this.emitting = this.emitting.then(() => this.ctx.emit(batch));
    this.emitting.catch((error: unknown) => {
      if (this.failure) return;
      this.failure = { error };
      this.socket.close();
    });
    return this.emitting;
  }

  /** Drops what was not handed over, waits for a running emit, and throws a failed one's error. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.posts = new Map();
    this.deleted = new Set();
    await this.emitting.catch(() => undefined);
    if (this.failure && !this.ctx.signal.aborted) throw this.failure.error;
  }
}

/**
 * The streaming API's base URL: `configuration.urls.streaming` of the instance (methods/instance#v2),
 * or the instance itself (https → wss) when it names none or is too old for /api/v2/instance.
 */
async function streamingBase(api: MastodonApi, instanceUrl: string): Promise<string> {
  const instance = new URL(instanceUrl);
  const own = `${instance.protocol === "http:" ? "ws:" : "wss:"}//${instance.host}`;
  const answer = await api.get("/api/v2/instance", {}, "Mastodon instance", true);
  const named = MastodonInstance.safeParse(answer?.body).data?.configuration.urls.streaming;
  if (!named) return own;
  try {
    const url = new URL(named);
    // The token goes there: only an encrypted connection, unless the instance itself is plain http (tests).
    if (url.protocol === "wss:" || (url.protocol === "ws:" && instance.protocol === "http:"))
      return url.origin;
  } catch {
    // An unreadable URL is as good as none.
  }
  return own;
}

/** A refused or failed connect as the runner understands it. */
function connectError(error: unknown, now: Date): unknown {
  if (error instanceof OutboundStatusError) {
    const message = `Mastodon streaming: ${error.message}`;
    if (error.status === 401 || error.status === 403)
      return new ConnectorError(`${message}; the access token needs the read scope`, "auth");
    const wait = retryAfterMs(error.retryAfter ?? error.headers["x-ratelimit-reset"], now) ?? undefined;
    if (error.status === 429) return new ConnectorError(message, "rate_limited", wait);
    if (error.status >= 500 || error.status === 408) return new ConnectorError(message, "transient", wait);
    return new ConnectorError(message, "config");
  }
  return streamError(error);
}

/** A broken connection (or one refused by the SSRF guard) as the runner understands it. */
function streamError(error: unknown): unknown {
  if (!(error instanceof OutboundError)) return error;
  const retry = error.reason === "timeout" || error.reason === "network";
  return new ConnectorError(`Mastodon streaming: ${error.message}`, retry ? "transient" : "config");
}

/** Resolves after `ms`, or at once when the signal aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
