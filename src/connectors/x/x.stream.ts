// X's filtered stream: GET /2/tweets/search/stream holds one long-lived answer open and writes every new
// post that matches the app's rules as one JSON line (docs.x.com/x-api/stream/stream-filtered-posts,
// "Consuming streaming data"). Before connecting, the rules are synced to the poll's query (x.rules.ts),
// so stream and poll find the same posts; the posts are mapped as the poll maps them.
//
// X writes a bare `\r\n` about every 20 s as keep-alive ("Handling disconnections"), so 30 s of silence
// means the connection is dead. An `operational-disconnect` line announces that X closes the connection;
// either ends the stream with a transient error and the runner reconnects after a catch-up poll.

import type { OutboundStream } from "../../platform/net/outbound.stream.ts";
import { OutboundError, type OutboundResponse } from "../../platform/net/outbound.ts";
import { ConnectorError, type PostInput, type StreamBatch, type StreamContext } from "../connector.ts";
import { checkXResponse, redactToken, xPostFields } from "./x.client.ts";
import { mapTweets, xQuery } from "./x.map.ts";
import { type LineSplit, splitLines, startLineSplit } from "./x.ndjson.ts";
import { syncStreamRules, xRuleTagPrefix } from "./x.rules.ts";
import {
  type XConfig,
  XCursor,
  type XProblem,
  type XSecrets,
  XStreamLine,
  type XStreamRule,
} from "./x.schema.ts";

/** What the stream saw, for tests and diagnostics. */
export interface XStreamStats {
  /** Posts handed to `emit`. */
  posts: number;
  keepAlives: number;
  /** Lines that are not JSON, not shaped as X documents, too long, or hold a post that does not map. */
  skipped: number;
  /** Posts that matched only rules other tools added to the same app. */
  foreign: number;
}

/** Knobs of the stream; the defaults are X's documented timings. */
export interface XStreamOptions {
  /** Silence after which the connection counts as dead: X sends a keep-alive every 20 s. */
  idleTimeoutMs?: number;
  /** Posts are handed over at the latest this long after the first of a batch arrived … */
  batchMs?: number;
  /** … or as soon as this many have arrived. */
  batchSize?: number;
  /** Filled in as lines arrive. */
  stats?: XStreamStats;
}

/**
 * X's advice after an HTTP 429 at connect (including `TooManyConnections`, the answer while another
 * connection of the app is still open): wait, starting at a minute ("Handling disconnections").
 */
const rateLimitedWaitMs = 60_000;

/**
 * Holds the filtered stream open and hands its posts to `ctx.emit` until the signal aborts or X closes
 * the connection (resolve), or the connection fails (throw a ConnectorError). With `live` off it resolves
 * at once: the connector is only polled.
 */
export async function streamX(
  config: XConfig,
  secrets: XSecrets,
  cursor: unknown,
  ctx: StreamContext,
  options: XStreamOptions = {},
): Promise<void> {
  if (!config.live || ctx.signal.aborted) return;
  const token = secrets.bearerToken;
  const query = xQuery(config, ctx.searchTerms);
  const ruleIds = await syncStreamRules(ctx, config.apiBase, token, query);
  if (ctx.signal.aborted) return;

  const stream = await connect(ctx, config.apiBase, token, options.idleTimeoutMs ?? 30_000);
  const close = () => stream.close();
  ctx.signal.addEventListener("abort", close, { once: true });
  try {
    // Aborted while connecting: the listener came too late to close it.
    if (ctx.signal.aborted) return;
    await readStream(stream, ruleIds, XCursor.safeParse(cursor).data ?? {}, ctx, options);
  } catch (err) {
    if (ctx.signal.aborted) return;
    if (err instanceof OutboundError) {
      throw new ConnectorError(redactToken(`X filtered stream: ${err.message}`, token), "transient");
    }
    throw err;
  } finally {
    ctx.signal.removeEventListener("abort", close);
    stream.close();
  }
}

/** Opens GET /2/tweets/search/stream with the poll's fields; an answer that is not 2xx becomes a ConnectorError. */
async function connect(
  ctx: StreamContext,
  apiBase: string,
  token: string,
  idleTimeoutMs: number,
): Promise<OutboundStream> {
  const what = "X filtered stream";
  const url = new URL(`${apiBase.replace(/\/+$/u, "")}/2/tweets/search/stream`);
  for (const [name, value] of Object.entries(xPostFields)) url.searchParams.set(name, value);
  let stream: OutboundStream;
  try {
    stream = await ctx.openStream(
      { method: "GET", url: url.toString(), headers: { authorization: `Bearer ${token}` } },
      { idleTimeoutMs },
    );
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    const kind = err.reason === "timeout" || err.reason === "network" ? "transient" : "config";
    throw new ConnectorError(redactToken(`${what}: ${err.message}`, token), kind);
  }
  if (stream.status >= 200 && stream.status < 300) return stream;

  const answer: OutboundResponse = {
    status: stream.status,
    headers: stream.headers,
    body: await stream.text(2048).catch(() => ""),
    truncated: false,
  };
  stream.close();
  try {
    checkXResponse(answer, ctx.now(), what);
  } catch (err) {
    if (!(err instanceof ConnectorError)) throw err;
    const wait = err.kind === "rate_limited" ? (err.retryAfterMs ?? rateLimitedWaitMs) : err.retryAfterMs;
    throw new ConnectorError(redactToken(err.message, token), err.kind, wait);
  }
  throw new ConnectorError(`${what}: HTTP ${stream.status}`, "transient");
}

/**
 * Reads lines until the answer ends, handing posts over in batches (after `batchMs`, or `batchSize`
 * posts). The cursor's `newestId` moves with the batches; posts read but not yet handed over when the
 * signal aborts are left to the catch-up poll, whose `since_id` has not passed them.
 */
async function readStream(
  stream: OutboundStream,
  ruleIds: ReadonlySet<string>,
  cursor: XCursor,
  ctx: StreamContext,
  options: XStreamOptions,
): Promise<void> {
  const batchMs = options.batchMs ?? 250;
  const batchSize = options.batchSize ?? 100;
  const stats = options.stats ?? { posts: 0, keepAlives: 0, skipped: 0, foreign: 0 };
  let pending: PostInput[] = [];
  let newestId = cursor.newestId;
  let handedOverId = newestId;
  let due: Timer | undefined;

  const flush = async () => {
    due?.cancel();
    due = undefined;
    if (pending.length === 0 && newestId === handedOverId) return;
    const batch: StreamBatch = { posts: pending };
    if (newestId !== handedOverId) batch.cursor = { ...cursor, newestId } satisfies XCursor;
    pending = [];
    handedOverId = newestId;
    stats.posts += batch.posts.length;
    await ctx.emit(batch);
  };

  const chunks = stream.body[Symbol.asyncIterator]();
  let split: LineSplit = startLineSplit;
  let next = chunks.next();
  try {
    for (;;) {
      const result = due ? await Promise.race([next, due.elapsed]) : await next;
      if (ctx.signal.aborted) return;
      if (result === timerElapsed) {
        await flush();
        continue;
      }
      if (result.done) break;
      const out = splitLines(split, result.value);
      split = out.state;
      stats.skipped += out.overlong;
      if (out.overlong > 0) ctx.skipped("overlong line", out.overlong);
      for (const line of out.lines) {
        const read = readLine(line, ruleIds);
        if (read.kind === "keep_alive") stats.keepAlives += 1;
        else if (read.kind === "skipped") {
          stats.skipped += 1;
          ctx.skipped("unusable line");
        } else if (read.kind === "foreign") stats.foreign += 1;
        else if (read.kind === "problem") throw read.error;
        else {
          pending.push(...read.posts);
          newestId = newerId(newestId, read.id);
          due ??= startTimer(batchMs);
          if (pending.length >= batchSize) await flush();
          if (ctx.signal.aborted) return;
        }
      }
      next = chunks.next();
    }
  } catch (err) {
    // A dropped or silent connection, or X's disconnect notice: what arrived before it is sound.
    if (!ctx.signal.aborted) await flush();
    throw err;
  } finally {
    due?.cancel();
  }
  // X closed the answer: hand over what came before it.
  await flush();
}

type LineRead =
  | { kind: "keep_alive" }
  | { kind: "skipped" }
  | { kind: "foreign" }
  | { kind: "posts"; posts: PostInput[]; id: string }
  | { kind: "problem"; error: ConnectorError };

/** One line of the stream: a keep-alive, a post of ours or of another tool's rule, a problem, or junk. */
function readLine(line: string, ruleIds: ReadonlySet<string>): LineRead {
  if (line.trim() === "") return { kind: "keep_alive" };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: "skipped" };
  }
  const parsed = XStreamLine.safeParse(json);
  if (!parsed.success) return { kind: "skipped" };
  const { data, includes, matching_rules: matched, errors } = parsed.data;
  if (data === undefined) {
    const error = errors?.map(problemError).find((e) => e !== null);
    return error ? { kind: "problem", error } : { kind: "skipped" };
  }
  if (matched && !matched.some((rule) => isOurs(rule, ruleIds))) return { kind: "foreign" };
  const posts = mapTweets([data], includes?.users ?? []);
  const id = (data as { id?: unknown }).id;
  return posts.length > 0 && typeof id === "string" ? { kind: "posts", posts, id } : { kind: "skipped" };
}

function isOurs(rule: Pick<XStreamRule, "id" | "tag">, ruleIds: ReadonlySet<string>): boolean {
  return ruleIds.has(rule.id) || (rule.tag?.startsWith(xRuleTagPrefix) ?? false);
}

/**
 * The error a problem line ends the stream with: X's `operational-disconnect` (it closes the connection,
 * e.g. for a deploy) is transient; `streaming-connection` problems (`TooManyConnections`) wait as a rate
 * limit. Others (a field the plan may not read …) are no reason to drop the connection: null.
 */
function problemError(problem: XProblem): ConnectorError | null {
  const type = problem.type ?? "";
  const title = problem.title ?? "";
  const detail = [title, problem.detail].filter(Boolean).join(": ");
  if (title === "operational-disconnect" || type.endsWith("/operational-disconnect")) {
    return new ConnectorError(`X filtered stream: X closed the connection (${detail})`, "transient");
  }
  if (type.endsWith("/streaming-connection")) {
    return new ConnectorError(`X filtered stream: ${detail}`, "rate_limited", rateLimitedWaitMs);
  }
  return null;
}

/** The larger of two snowflake ids (decimal strings, as XTweet checks them). */
function newerId(current: string | undefined, id: string): string {
  return current === undefined || BigInt(id) > BigInt(current) ? id : current;
}

const timerElapsed = Symbol("timer elapsed");

interface Timer {
  elapsed: Promise<typeof timerElapsed>;
  cancel(): void;
}

function startTimer(ms: number): Timer {
  let handle: NodeJS.Timeout | undefined;
  const elapsed = new Promise<typeof timerElapsed>((resolve) => {
    handle = setTimeout(() => resolve(timerElapsed), ms);
  });
  return { elapsed, cancel: () => clearTimeout(handle) };
}
