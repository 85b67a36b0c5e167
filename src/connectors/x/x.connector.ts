// X connector: posts matching a search query, through X API v2 recent search (the last 7 days).
//
// The filtered stream endpoint (GET /2/tweets/search/stream) is not used: the connector contract is
// poll-based, and recent search with `since_id` is X's documented polling pattern ("Recent search
// pagination": polling requests posts "since the last one received"). A poll asks for posts newer than the
// newest one delivered and follows `next_token` for the older pages of that answer; the newest id of the
// first page becomes the next `since_id` once all pages are read.
import { z } from "zod";
import { OutboundError, type OutboundResponse } from "../../platform/net/outbound.ts";
import {
  type Connector,
  type ConnectorContext,
  ConnectorError,
  checkResponse,
  type PostInput,
  retryAfterMs,
} from "../connector.ts";
import { buildSearchQuery, mapSearchPage } from "./x.map.ts";
import { publishX } from "./x.publish.ts";
import { XConfig, XSearchPage, XSecrets, xMaxQueryLength, xTweetFields, xUserFields } from "./x.schema.ts";

/** Pages one poll reads (100 posts each); more waits for the next poll, which the runner starts at once. */
export const xPagesPerPoll = 5;

/** How far the first poll reaches back: recent search could return 7 days, each post counting against the plan's cap. */
const firstPollHours = 24;

/** Recent search covers 7 days; an older `since_id` is refused, so it is dropped a minute before. */
const searchWindowMs = 7 * 86_400_000 - 60_000;

/** The most bytes of one answer that are read: 100 posts with their authors stay far below. */
const bodyLimit = 4 * 1024 * 1024;

// X snowflake ids carry their creation time: milliseconds since this epoch, shifted left by 22 bits.
const snowflakeEpochMs = 1288834974657n;

/** Where a poll stands: the newest post delivered and, while one answer spans several polls, its next page. */
const XCursor = z.object({
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
type XCursor = z.infer<typeof XCursor>;

/** Polls X recent search for posts matching a query. */
export const xConnector: Connector<XConfig, XSecrets> = {
  kind: "x",
  platform: "x",
  title: { de: "X (Twitter)", en: "X (Twitter)" },
  description: {
    de: "Beiträge auf X zu einer Suchanfrage (oder zu den Begriffen der Themen) über die Recent-Search-API.",
    en: "Posts on X matching a search query (or the tracked topics' words), through the recent search API.",
  },
  config: XConfig,
  secrets: XSecrets,
  pollSeconds: 120,
  poll: pollX,
  publish: publishX,
  // X counts 280 weighted characters (a link 23, CJK 2); graphemes are the close, simple bound.
  maxTextLength: 280,
};

async function pollX(config: XConfig, secrets: XSecrets, cursor: unknown, ctx: ConnectorContext) {
  const query = config.query || buildSearchQuery(ctx.searchTerms);
  if (!query)
    throw new ConnectorError("X: no search query and no tracked topic words to build one", "config");
  if (query.length > xMaxQueryLength) {
    throw new ConnectorError(
      `X: the query built from the tracked topics has ${query.length} characters (at most ${xMaxQueryLength}); set a shorter query in the settings`,
      "config",
    );
  }
  const now = ctx.now();
  const parsed = XCursor.safeParse(cursor);
  const state: XCursor = parsed.success ? parsed.data : {};
  // A next_token belongs to the query it came from; a changed query starts over.
  const paging = state.paging?.query === query ? state.paging : undefined;
  const sinceId = paging ? paging.sinceId : usableSinceId(state.newestId, now);
  const startTime = paging
    ? paging.startTime
    : state.newestId === undefined
      ? new Date(now.getTime() - firstPollHours * 3_600_000).toISOString()
      : undefined;

  const posts: PostInput[] = [];
  let newestId = paging?.newestId;
  let nextToken = paging?.nextToken;
  let limitReached = false;
  for (let page = 0; page < xPagesPerPoll && !ctx.signal.aborted; page += 1) {
    const res = await searchRecent(ctx, config.apiBase, secrets.bearerToken, {
      query,
      since_id: sinceId,
      start_time: startTime,
      next_token: nextToken,
    });
    const body = parseSearchPage(res);
    newestId ??= body.meta.newest_id;
    posts.push(...mapSearchPage(body));
    nextToken = body.meta.next_token;
    // Another page now would only be refused until the window resets.
    limitReached = res.headers["x-rate-limit-remaining"]?.trim() === "0";
    if (nextToken === undefined || limitReached) break;
  }

  if (nextToken !== undefined && newestId !== undefined) {
    const next: XCursor = {
      newestId: state.newestId,
      paging: { query, nextToken, sinceId, startTime, newestId },
    };
    return { posts, cursor: next, more: !limitReached };
  }
  return { posts, cursor: { newestId: newestId ?? state.newestId } satisfies XCursor, more: false };
}

/** The cursor's newest id as `since_id`, unless it is older than recent search reaches (X refuses those). */
function usableSinceId(newestId: string | undefined, now: Date): string | undefined {
  if (newestId === undefined) return undefined;
  const createdMs = Number((BigInt(newestId) >> 22n) + snowflakeEpochMs);
  return now.getTime() - createdMs < searchWindowMs ? newestId : undefined;
}

interface SearchParams {
  query: string;
  since_id: string | undefined;
  start_time: string | undefined;
  next_token: string | undefined;
}

/** One GET /2/tweets/search/recent with the app's Bearer token; failures become ConnectorErrors without the token. */
async function searchRecent(
  ctx: ConnectorContext,
  apiBase: string,
  token: string,
  params: SearchParams,
): Promise<OutboundResponse> {
  const url = new URL(`${apiBase.replace(/\/+$/u, "")}/2/tweets/search/recent`);
  const all: Record<string, string | undefined> = {
    ...params,
    max_results: "100",
    "tweet.fields": xTweetFields,
    expansions: "author_id",
    "user.fields": xUserFields,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(name, value);
  let res: OutboundResponse;
  try {
    res = await ctx.request(
      {
        method: "GET",
        url: url.toString(),
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      },
      { bodyLimit },
    );
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    const kind = err.reason === "timeout" || err.reason === "network" ? "transient" : "config";
    throw new ConnectorError(redact(`X recent search: ${err.message}`, token), kind);
  }
  try {
    checkXResponse(res, ctx.now());
  } catch (err) {
    if (!(err instanceof ConnectorError)) throw err;
    throw new ConnectorError(redact(err.message, token), err.kind, err.retryAfterMs);
  }
  return res;
}

/**
 * Like checkResponse, with X's rate limit: a 429 waits until `x-rate-limit-reset` (Unix seconds, X API
 * "Rate limits"), or Retry-After when that header is missing.
 */
export function checkXResponse(res: OutboundResponse, now: Date, what = "X recent search"): void {
  if (res.status === 429) {
    const reset = res.headers["x-rate-limit-reset"]?.trim();
    const untilReset =
      reset && /^\d+$/u.test(reset)
        ? Math.min(Math.max(0, Number(reset) * 1000 - now.getTime()), 86_400_000)
        : null;
    const wait = untilReset ?? retryAfterMs(res.headers["retry-after"], now) ?? undefined;
    throw new ConnectorError(`${what}: HTTP 429 (rate limit reached)`, "rate_limited", wait);
  }
  checkResponse(res, what, now);
}

function parseSearchPage(res: OutboundResponse): XSearchPage {
  if (res.truncated)
    throw new ConnectorError(`X recent search: answer longer than ${bodyLimit} bytes`, "transient");
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    throw new ConnectorError("X recent search: answer is not JSON", "transient");
  }
  const page = XSearchPage.safeParse(json);
  if (!page.success) throw new ConnectorError("X recent search: answer has no `meta`", "transient");
  return page.data;
}

function redact(message: string, token: string): string {
  return token === "" ? message : message.replaceAll(token, "[token]");
}
