// Bluesky's live connection: Jetstream (github.com/bluesky-social/jetstream), a WebSocket that sends every
// post of the network as JSON. It filters by collection and account only, never by words, so the posts are
// matched here against the tracked topics' words and the configured searches; the rest is dropped at once.
import { compileQuery, matchQuery, parseQuery, type QueryNode } from "../../core/query/index.ts";
import { queryWords } from "../../core/query/query.words.ts";
import { OutboundStatusError, type OutboundWebSocket } from "../../platform/net/outbound.stream.ts";
import { OutboundError } from "../../platform/net/outbound.ts";
import { ConnectorError, type PostInput, retryAfterMs, type StreamContext } from "../connector.ts";
import { mapBlueskyPost } from "./bluesky.map.ts";
import { type ProfileLookup, profileLookup } from "./bluesky.profiles.ts";
import { type BlueskyConfig, BlueskyCursor, BlueskyPostRecord, JetstreamEvent } from "./bluesky.schema.ts";

const postCollection = "app.bsky.feed.post";
/** How far a resumed connection starts before the last event handled: the README's "negative buffer". */
const rewindUs = 5_000_000;
/** The furthest back a connection replays; an older cursor replays only this much (search caught up). */
const maxReplayUs = 30 * 60 * 1_000_000;
/**
 * Posts of this connection (and the catch-up poll's recent ones) whose deletions and edits are passed on
 * at once. The firehose deletes thousands of posts a minute, nearly all never stored, so the deletions and
 * non-matching edits of other posts wait for the next hand-over (at least every `cursorEveryMs`), which
 * asks the database which of them the organisation stored (one query) and passes those on: a post stored
 * by an earlier connection, a restart ago, is still marked when its author deletes it.
 */
const maxKnown = 10_000;
/** Deletions and edits of unknown posts held for the next hand-over's check; more are dropped. */
const maxUnsure = 20_000;

/** Timing and bounds of a connection; the defaults suit the live network, tests shorten them. */
export interface JetstreamOptions {
  /** How often what has arrived is handed over; default 250 ms. */
  flushMs?: number;
  /** The longest a moved cursor waits to be stored when no post matches; default 5 s. */
  cursorEveryMs?: number;
  /** Posts per batch; a full batch is handed over at once. Default 100. */
  maxBatch?: number;
  /** Silence after which the connection counts as dead; default 60 s (the live network sends many events a second). */
  idleTimeoutMs?: number;
  /** Counters, for tests and diagnostics. */
  stats?: JetstreamStats;
}

/** What one connection has read. */
export interface JetstreamStats {
  /** Messages received, including those skipped. */
  events: number;
  /** Posts that matched and were handed over. */
  matched: number;
  /** Messages that were not JSON or not a Jetstream event, and matching posts that did not map. */
  skipped: number;
}

/** A post that matched, kept until the batch is handed over (the author's handle is looked up then). */
interface Matched {
  did: string;
  uri: string;
  cid: string;
  record: unknown;
  timeUs: number;
  edited: boolean;
}

/**
 * Holds one Jetstream connection and hands matching posts (creates and edits) and deletions of known posts
 * to `ctx.emit`, with the last event's `time_us` in the cursor. Resolves when `ctx.signal` aborts or the
 * server closes; throws a ConnectorError when the connection is refused or breaks.
 */
export async function streamJetstream(
  config: BlueskyConfig,
  cursor: unknown,
  ctx: StreamContext,
  options: JetstreamOptions = {},
): Promise<void> {
  const { flushMs = 250, cursorEveryMs = 5_000, maxBatch = 100, idleTimeoutMs = 60_000 } = options;
  const stats = options.stats ?? { events: 0, matched: 0, skipped: 0 };
  const previous = BlueskyCursor.safeParse(cursor).data ?? { queries: {} };
  const matches = topicMatcher([...ctx.searchTerms, ...config.queries.flatMap(searchWords)]);
  const lookup = profileLookup(config.serviceUrl, ctx);
  // Posts the catch-up poll just delivered may be deleted while this connection is open.
  const known = new Set(Object.values(previous.queries).flatMap((query) => Object.keys(query.seen)));

  if (ctx.signal.aborted) return;
  let socket: OutboundWebSocket;
  try {
    socket = await ctx.openWebSocket(subscribeUrl(config.jetstreamUrl, previous.jetstreamTimeUs, ctx.now()), {
      connectTimeoutMs: 15_000,
      idleTimeoutMs,
    });
  } catch (error) {
    if (ctx.signal.aborted) return;
    throw connectFailure(error, ctx.now());
  }
  const onAbort = () => socket.close();
  ctx.signal.addEventListener("abort", onAbort, { once: true });

  const pending = new Map<string, Matched>();
  const deleted = new Set<string>();
  // Deletions and non-matching edits of posts this connection does not know: passed on if stored.
  const unsureDeleted = new Set<string>();
  const unsureEdited = new Map<string, Matched>();
  let lastTimeUs: number | undefined;
  let emittedTimeUs = previous.jetstreamTimeUs;
  let sinceEmitMs = 0;
  let failure: unknown;
  let chain = Promise.resolve();
  let queued = false;

  const remember = (uri: string) => {
    known.delete(uri);
    if (known.size >= maxKnown) known.delete(known.values().next().value ?? "");
    known.add(uri);
  };
  const handOver = async () => {
    const batch = [...pending.values()];
    const gone = [...deleted];
    const timeUs = lastTimeUs;
    const unsure = [...new Set([...unsureDeleted, ...unsureEdited.keys()])];
    const edits = new Map(unsureEdited);
    pending.clear();
    deleted.clear();
    unsureDeleted.clear();
    unsureEdited.clear();
    if (unsure.length > 0) {
      const stored = await ctx.stored(unsure);
      for (const uri of stored) {
        // A post is in one of the two: its later event (delete or edit) replaced the earlier.
        const edit = edits.get(uri);
        if (edit) batch.push(edit);
        else gone.push(uri);
        remember(uri);
      }
    }
    if (batch.length === 0 && gone.length === 0 && timeUs === emittedTimeUs) return;
    const posts = await mapMatched(batch, lookup, stats, ctx);
    if (ctx.signal.aborted) return;
    await ctx.emit({
      posts,
      ...(gone.length > 0 && { deleted: gone }),
      ...(timeUs !== undefined && { cursor: { ...previous, jetstreamTimeUs: timeUs } }),
    });
    emittedTimeUs = timeUs;
    sinceEmitMs = 0;
  };
  // One hand-over at a time, in order; the loop awaits it when a batch is full (backpressure).
  const flush = () => {
    if (!queued) {
      queued = true;
      chain = chain
        .then(() => {
          queued = false;
          return handOver();
        })
        .catch((error: unknown) => {
          failure ??= error;
          socket.close();
        });
    }
    return chain;
  };
  const timer = setInterval(() => {
    sinceEmitMs += flushMs;
    const moved = lastTimeUs !== emittedTimeUs && sinceEmitMs >= cursorEveryMs;
    if (pending.size > 0 || deleted.size > 0 || moved) void flush();
  }, flushMs);

  const receive = (message: string) => {
    stats.events++;
    const event = parseEvent(message);
    // A commit without its time could be neither dated nor resumed from.
    if (!event || (event.kind === "commit" && event.time_us === undefined)) {
      stats.skipped++;
      ctx.skipped("unreadable event");
      return;
    }
    const { did, commit } = event;
    if (event.kind === "commit" && did && commit?.collection === postCollection) {
      const uri = `at://${did}/${postCollection}/${commit.rkey}`;
      if (commit.operation === "delete") {
        pending.delete(uri);
        unsureEdited.delete(uri);
        if (known.has(uri)) deleted.add(uri);
        else if (unsureDeleted.size < maxUnsure) unsureDeleted.add(uri);
      } else {
        const record = BlueskyPostRecord.safeParse(commit.record);
        const edited = commit.operation === "update";
        // An edit of a post already passed on is passed on even when it no longer names the topic.
        if (!record.success) {
          stats.skipped++;
          ctx.skipped("invalid post record");
        } else if (matches(record.data.text) || (edited && known.has(uri))) {
          const timeUs = event.time_us ?? 0;
          const cid = commit.cid ?? "";
          pending.set(uri, { did, uri, cid, record: commit.record, timeUs, edited });
          deleted.delete(uri);
          remember(uri);
        } else if (edited && unsureEdited.size < maxUnsure) {
          const timeUs = event.time_us ?? 0;
          unsureEdited.set(uri, { did, uri, cid: commit.cid ?? "", record: commit.record, timeUs, edited });
          unsureDeleted.delete(uri);
        }
      }
    }
    // identity, account and heartbeat events move the cursor only.
    if (event.time_us !== undefined) lastTimeUs = event.time_us;
  };

  let broken: unknown;
  try {
    for await (const message of socket.messages) {
      receive(message);
      if (pending.size >= maxBatch) await flush();
      if (failure !== undefined) break;
    }
  } catch (error) {
    broken = error;
  } finally {
    clearInterval(timer);
    ctx.signal.removeEventListener("abort", onAbort);
    socket.close();
  }
  if (ctx.signal.aborted) {
    // What was not handed over is replayed by the next connection: the cursor has not passed it.
    await chain;
    return;
  }
  await flush();
  if (failure !== undefined) throw failure;
  if (broken !== undefined) throw streamFailure(broken);
}

/** The subscribe URL: posts only, resuming a little before `timeUs`, never further back than the replay bound. */
export function subscribeUrl(jetstreamUrl: string, timeUs: number | undefined, now: Date): string {
  const url = new URL(jetstreamUrl);
  // zstd frames (`compress`) could not be read here, and `requireHello` would wait for a message never sent.
  url.searchParams.delete("compress");
  url.searchParams.delete("requireHello");
  url.searchParams.set("wantedCollections", postCollection);
  if (timeUs !== undefined) {
    const from = Math.max(timeUs - rewindUs, now.getTime() * 1000 - maxReplayUs);
    url.searchParams.set("cursor", String(from));
  }
  return url.toString();
}

/**
 * A test for post texts: true when the text holds one of the words or "phrases" (as `queryWords` gives
 * them), folded and on word boundaries as topic queries match (`Müller` finds `MUELLER`, `bahn` not
 * `Bahnhof`). Compiled once per connection.
 */
export function topicMatcher(words: readonly string[]): (text: string) => boolean {
  const nodes: QueryNode[] = [];
  for (const word of new Set(words.map((w) => w.trim()))) {
    const quoted = word.length > 2 && word.startsWith('"') && word.endsWith('"');
    if (quoted) nodes.push({ type: "phrase", value: word.slice(1, -1) });
    else if (word) nodes.push({ type: "term", value: word });
  }
  const [only] = nodes;
  if (only === undefined) return () => false;
  const query = compileQuery(nodes.length === 1 ? only : { type: "or", children: nodes });
  return (text) => matchQuery(query, { text, authorHandle: "", lang: "", platform: "bluesky" });
}

/** The words a configured search looks for; a search the topic language cannot read gives its plain words. */
function searchWords(search: string): string[] {
  const parsed = parseQuery(search);
  if (parsed.ok) return queryWords(parsed.ast);
  // Lucene operators, exclusions and filters (`from:`, `lang:`) are no words to look for.
  return search
    .split(/\s+/u)
    .filter((word) => word && !/[:()"]/u.test(word) && !word.startsWith("-"))
    .filter((word) => !["AND", "OR", "NOT"].includes(word));
}

function parseEvent(message: string): JetstreamEvent | undefined {
  try {
    return JetstreamEvent.safeParse(JSON.parse(message)).data;
  } catch {
    return undefined;
  }
}

/** Maps matched posts as search does, with the authors' handles looked up (the DID when that fails). */
async function mapMatched(
  batch: readonly Matched[],
  lookup: ProfileLookup,
  stats: JetstreamStats,
  ctx: Pick<StreamContext, "skipped">,
): Promise<PostInput[]> {
  if (batch.length === 0) return [];
  const profiles = await lookup(batch.map((item) => item.did));
  const posts: PostInput[] = [];
  for (const item of batch) {
    const at = new Date(Math.floor(item.timeUs / 1000)).toISOString();
    const profile = profiles.get(item.did) ?? { handle: item.did };
    // Shaped as a postView, so that mapping, the stored `raw` and replies (bluesky.publish.ts) work as for search.
    const view = {
      uri: item.uri,
      cid: item.cid,
      author: { did: item.did, ...profile },
      record: item.record,
      indexedAt: at,
    };
    const post = mapBlueskyPost(view);
    if (!post) {
      stats.skipped++;
      ctx.skipped("unmappable post");
      continue;
    }
    stats.matched++;
    posts.push(item.edited ? { ...post, editedAt: at } : post);
  }
  return posts;
}

/** A refused or failed connect as a ConnectorError. */
function connectFailure(error: unknown, now: Date): ConnectorError {
  const what = "Bluesky Jetstream";
  if (error instanceof ConnectorError) return error;
  // Before OutboundError: a refused upgrade is one too, with the answer's status.
  if (error instanceof OutboundStatusError) {
    const message = `${what}: the upgrade was answered with HTTP ${error.status}`;
    const wait = retryAfterMs(error.retryAfter, now) ?? undefined;
    if (error.status === 429) return new ConnectorError(message, "rate_limited", wait);
    if (error.status === 401 || error.status === 403) return new ConnectorError(message, "auth");
    if (error.status >= 500 || error.status === 408) return new ConnectorError(message, "transient", wait);
    return new ConnectorError(message, "config");
  }
  if (error instanceof OutboundError) {
    const retry = error.reason === "timeout" || error.reason === "network";
    return new ConnectorError(`${what}: ${error.message}`, retry ? "transient" : "config");
  }
  return new ConnectorError(
    `${what}: ${error instanceof Error ? error.message : String(error)}`,
    "transient",
  );
}

/** A connection that broke after it was open: always worth another try. */
function streamFailure(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ConnectorError(`Bluesky Jetstream: ${detail}`, "transient");
}
