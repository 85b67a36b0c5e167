// Mastodon's REST API as the connector reads it: one guarded GET with the instance's error handling, and
// newest-first lists read forward with `min_id`. Shared by the poll (mastodon.connector.ts) and the live
// connection (mastodon.stream.ts).

import type { OutboundResponse } from "../../platform/net/outbound.ts";
import type { ConnectorContext, PostInput } from "../connector.ts";
import { ConnectorError, checkResponse, jsonBody } from "../connector.ts";
import { MastodonSearchResults } from "./mastodon.schema.ts";

/** Statuses per page: the most the tag timeline and search return (40). */
const pageLimit = 40;
/** Pages read per stream in one poll; the rest waits for the next poll, which comes at once (`more`). */
const maxPagesPerStream = 3;
// 40 statuses with accounts, cards and media run to a few hundred KiB, far above the guard's 64 KiB default.
const bodyLimit = 4 * 1024 * 1024;
const timeoutMs = 30_000;

/** What one stream (a hashtag, a search, the mentions) gave in this poll. */
export interface StreamResult {
  posts: PostInput[];
  /** Newest id read, the stream's next cursor. */
  newest: string | undefined;
  /** The page bound was hit while newer items remained. */
  more: boolean;
}

export interface MastodonApi {
  /** The instance's host name, which local accounts' handles lack. */
  host: string;
  /** GETs a path of the instance's API; null when `missingIsEmpty` and it answers 404. */
  get(
    path: string,
    params: Record<string, string>,
    what: string,
    missingIsEmpty?: boolean,
  ): Promise<{ body: unknown; link: string | undefined } | null>;
}
/**
 * Reads a newest-first list forward from `cursor`: `min_id` asks for the items right after it, and the
 * `rel="prev"` link of each page names the next `min_id` (its newest id). Without a cursor only the newest
 * page is read, so a new source starts now instead of walking the whole history.
 */
export async function readTimeline(
  api: MastodonApi,
  path: string,
  params: Record<string, string>,
  cursor: string | undefined,
  toPost: (item: unknown) => PostInput | null,
  what: string,
  missingIsEmpty = false,
): Promise<StreamResult> {
  const posts: PostInput[] = [];
  let newest = cursor;
  for (let page = 0; page < maxPagesPerStream; page++) {
    const query = { ...params, limit: String(pageLimit), ...(newest !== undefined && { min_id: newest }) };
    const answer = await api.get(path, query, `Mastodon ${what}`, missingIsEmpty);
    if (answer === null) return { posts, newest, more: false };
    if (!Array.isArray(answer.body)) throw new ConnectorError(`Mastodon ${what}: expected a list`, "config");
    for (const item of answer.body) {
      const post = toPost(item);
      if (post) posts.push(post);
    }
    const pageNewest = prevLinkMinId(answer.link) ?? newestId(answer.body.map(idOf));
    const advanced = pageNewest !== undefined && pageNewest !== newest;
    if (advanced) newest = pageNewest;
    if (cursor === undefined || !advanced || answer.body.length < pageLimit)
      return { posts, newest, more: false };
  }
  return { posts, newest, more: true };
}

/**
 * One page of statuses matching `query` and newer than `cursor`. Search sends no Link header and its
 * order is the search engine's, so a full page is the bound: what did not fit may be missed.
 */
export async function readSearch(
  api: MastodonApi,
  query: string,
  cursor: string | undefined,
  toPost: (item: unknown) => PostInput | null,
): Promise<StreamResult> {
  const what = `Mastodon search "${query}"`;
  const params = {
    q: query,
    type: "statuses",
    limit: String(pageLimit),
    ...(cursor !== undefined && { min_id: cursor }),
  };
  const answer = await api.get("/api/v2/search", params, what);
  const results = MastodonSearchResults.safeParse(answer?.body);
  if (!results.success) throw new ConnectorError(`${what}: not a search result`, "config");
  const { statuses } = results.data;
  const posts = statuses.map(toPost).filter((post) => post !== null);
  const newest = newestId([cursor, ...statuses.map(idOf)]);
  return { posts, newest, more: cursor !== undefined && statuses.length >= pageLimit };
}

export function mastodonApi(
  instanceUrl: string,
  token: string | undefined,
  ctx: ConnectorContext,
): MastodonApi {
  const base = new URL(instanceUrl);
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return {
    host: base.hostname,
    async get(path, params, what, missingIsEmpty = false) {
      const url = new URL(path, base.origin);
      for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
      ctx.signal.throwIfAborted();
      const res = await ctx.request(
        { method: "GET", url: url.toString(), headers },
        { bodyLimit, timeoutMs },
      );
      if (missingIsEmpty && res.status === 404 && isMastodonError(res.body)) return null;
      return { body: readJson(res, what, ctx.now()), link: res.headers.link };
    },
  };
}

/** The body of a successful answer as JSON; a ConnectorError for everything else. */
function readJson(res: OutboundResponse, what: string, now: Date): unknown {
  // Mastodon ends a rate-limit window at the ISO time in X-RateLimit-Reset (docs: api/rate-limits);
  // checkResponse reads Retry-After, which Mastodon does not send.
  const reset = res.headers["x-ratelimit-reset"];
  const withRetry =
    res.status === 429 && reset && !res.headers["retry-after"]
      ? { ...res, headers: { ...res.headers, "retry-after": reset } }
      : res;
  checkResponse(withRetry, what, now);
  return jsonBody(res, what, bodyLimit);
}

/** Whether a body is Mastodon's error entity (`{"error": "Record not found"}`), not some other server's page. */
function isMastodonError(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return (
      typeof parsed === "object" && parsed !== null && "error" in parsed && typeof parsed.error === "string"
    );
  } catch {
    return false;
  }
}

/** The `min_id` of a Link header's `rel="prev"` target, e.g. `<…?min_id=103>; rel="prev"`. */
export function prevLinkMinId(link: string | undefined): string | undefined {
  for (const part of link?.split(",") ?? []) {
    const match = /^\s*<([^>]*)>(.*)$/su.exec(part);
    if (!match?.[1] || !/;\s*rel\s*=\s*"?prev"?/iu.test(match[2] ?? "")) continue;
    try {
      const minId = new URL(match[1]).searchParams.get("min_id");
      if (minId && minId.length <= 100) return minId;
    } catch {
      // An unreadable link is as good as none: the page's own ids decide.
    }
  }
  return undefined;
}

export function idOf(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null || !("id" in item)) return undefined;
  return typeof item.id === "string" && item.id.length <= 100 ? item.id : undefined;
}

/**
 * The newest of some ids. Mastodon ids are integers as strings ("cast from an integer but not guaranteed
 * to be a number"), so numbers compare by length first; other servers' ids compare as text.
 */
export function newestId(ids: readonly (string | undefined)[]): string | undefined {
  let newest: string | undefined;
  for (const id of ids) {
    if (id === undefined) continue;
    if (newest === undefined || compareIds(id, newest) > 0) newest = id;
  }
  return newest;
}

function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/u;
  if (numeric.test(a) && numeric.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
