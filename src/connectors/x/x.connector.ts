// X connector: posts matching a search query, through X API v2 recent search (the last 7 days) and, with
// `live` on, the filtered stream (x.stream.ts), which delivers the same query's posts within seconds.
//
// The poll uses recent search with `since_id`, X's documented polling pattern ("Recent search
// pagination": polling requests posts "since the last one received"). A poll asks for posts newer than the
// newest one delivered and follows `next_token` for the older pages of that answer; the newest id of the
// first page becomes the next `since_id` once all pages are read. The runner polls before each stream
// connection, so the poll also catches up with what was written while no connection was open.
import type { OutboundResponse } from "../../platform/net/outbound.ts";
import { type Connector, type ConnectorContext, ConnectorError, type PostInput } from "../connector.ts";
import { requestX, xBodyLimit, xPostFields } from "./x.client.ts";
import { mapSearchPage, snowflakeMs, xQuery } from "./x.map.ts";
import { publishX } from "./x.publish.ts";
import { XConfig, XCursor, XSearchPage, XSecrets } from "./x.schema.ts";
import { streamX } from "./x.stream.ts";

/** Pages one poll reads (100 posts each); more waits for the next poll, which the runner starts at once. */
export const xPagesPerPoll = 5;

/** How far the first poll reaches back: recent search could return 7 days, each post counting against the plan's cap. */
const firstPollHours = 24;

/** Recent search covers 7 days; an older `since_id` is refused, so it is dropped a minute before. */
const searchWindowMs = 7 * 86_400_000 - 60_000;

/** Polls X recent search for posts matching a query, and holds the filtered stream open for them. */
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
  stream: streamX,
  publish: publishX,
  // X counts 280 weighted characters (a link 23, CJK 2); graphemes are the close, simple bound.
  maxTextLength: 280,
};

async function pollX(config: XConfig, secrets: XSecrets, cursor: unknown, ctx: ConnectorContext) {
  const query = xQuery(config, ctx.searchTerms);
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
  return now.getTime() - snowflakeMs(newestId) < searchWindowMs ? newestId : undefined;
}

interface SearchParams {
  query: string;
  since_id: string | undefined;
  start_time: string | undefined;
  next_token: string | undefined;
}

/** One GET /2/tweets/search/recent with the app's Bearer token. */
function searchRecent(
  ctx: ConnectorContext,
  apiBase: string,
  token: string,
  params: SearchParams,
): Promise<OutboundResponse> {
  const url = new URL(`${apiBase.replace(/\/+$/u, "")}/2/tweets/search/recent`);
  const all: Record<string, string | undefined> = { ...params, max_results: "100", ...xPostFields };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(name, value);
  return requestX(ctx, { method: "GET", url: url.toString() }, token, "X recent search");
}

function parseSearchPage(res: OutboundResponse): XSearchPage {
  if (res.truncated)
    throw new ConnectorError(`X recent search: answer longer than ${xBodyLimit} bytes`, "transient");
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
