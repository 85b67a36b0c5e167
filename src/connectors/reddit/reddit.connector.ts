// Reddit through the OAuth API with an app-only token: new posts of subreddits, optionally their new
// comments, and Reddit-wide searches sorted by new. Each of these is a stream with its own cursor.
//
// Cursor per stream: the fullname of the newest thing seen (asked for with `before`, which returns only
// newer things) and its `created_utc`. Reddit answers `before=<fullname>` with an empty page both when
// nothing is new and when that thing was deleted or removed in the meantime, so an empty answer is
// checked once more without `before`: things at or after the stored `created_utc` are new (paging with
// `after`, at most five pages), and the newest thing still listed becomes the new anchor.
//
// Rate limits: a 429 is a rate_limited error, waiting for Retry-After or X-Ratelimit-Reset. A success with
// `X-Ratelimit-Remaining: 0` cannot say "wait" (the contract has none for success), so the poll stops
// asking, returns what it has, and leaves the streams it did not reach to the next poll, which starts
// with them; if the window is still closed then, that poll gets the 429 and its reset time.
import { z } from "zod";
import type { Connector } from "../connector.ts";
import {
  defaultUserAgent,
  fetchAppToken,
  fetchListing,
  type RedditSession,
  rateLimitExhausted,
} from "./reddit.api.ts";
import { mapRedditThing, type PostInput } from "./reddit.map.ts";
import { RedditConfig, RedditSecrets, RedditThingRef } from "./reddit.schema.ts";

const StreamState = z.object({
  /** Fullname of the newest thing seen; absent while the stream has shown nothing. */
  newest: z.string().optional(),
  /** Its `created_utc` (or a later one): the fallback when `newest` was deleted. */
  createdUtc: z.number().optional(),
  /** When the stream was last read; the streams read longest ago go first. */
  polledAt: z.string(),
});
type StreamState = z.infer<typeof StreamState>;

const RedditCursor = z.object({ streams: z.record(z.string(), StreamState).default({}) });

/** One listing the connector follows. */
interface Stream {
  key: string;
  /** For messages: `r/de new`, `search "nordwind"`. */
  label: string;
  path: string;
  params: Record<string, string>;
}

/** Reddit's largest page (wiki: API, "Fix Listing Size"). */
export const pageSize = 100;
const catchUpPages = 5;
const maxQueryLength = 512;

/** The tracked topics' words as Reddit searches ("a OR b OR \"c d\""), each at most 512 characters. */
export function termQueries(terms: readonly string[]): string[] {
  const queries: string[] = [];
  let current = "";
  for (const raw of terms) {
    const term = raw
      .replaceAll('"', "")
      .trim()
      .slice(0, maxQueryLength - 2);
    if (term === "") continue;
    const part = /\s/u.test(term) ? `"${term}"` : term;
    const joined = current === "" ? part : `${current} OR ${part}`;
    if (joined.length > maxQueryLength && current !== "") {
      queries.push(current);
      current = part;
    } else {
      current = joined;
    }
  }
  if (current !== "") queries.push(current.slice(0, maxQueryLength));
  return queries.slice(0, 10);
}

function streamsOf(config: RedditConfig, searchTerms: readonly string[]): Stream[] {
  const list = { limit: String(pageSize) };
  const streams: Stream[] = [];
  for (const sub of config.subreddits) {
    streams.push({
      key: `r/${sub.toLowerCase()}/new`,
      label: `r/${sub} new`,
      path: `/r/${sub}/new`,
      params: list,
    });
    if (config.includeComments) {
      streams.push({
        key: `r/${sub.toLowerCase()}/comments`,
        label: `r/${sub} comments`,
        path: `/r/${sub}/comments`,
        params: list,
      });
    }
  }
  const queries = config.searchQueries.length > 0 ? config.searchQueries : termQueries(searchTerms);
  for (const q of queries) {
    streams.push({
      key: `search:${q}`,
      label: `search "${q.slice(0, 60)}"`,
      path: "/search",
      params: { q, sort: "new", type: "link", ...list },
    });
  }
  return [...new Map(streams.map((s) => [s.key, s])).values()];
}

interface Ref {
  name: string;
  createdUtc: number;
}

function refOf(child: unknown): Ref | null {
  const ref = RedditThingRef.safeParse(child);
  return ref.success ? { name: ref.data.data.name, createdUtc: ref.data.data.created_utc } : null;
}

/** The newest thing of a page (listings are newest first, but the time decides). */
function newestOf(children: readonly unknown[]): Ref | null {
  let newest: Ref | null = null;
  for (const ref of children.map(refOf))
    if (ref && (!newest || ref.createdUtc > newest.createdUtc)) newest = ref;
  return newest;
}

interface StreamRead {
  things: unknown[];
  anchor: Ref | null;
  /** A full page after `before`: more may be waiting. */
  more: boolean;
}

async function readStream(
  session: RedditSession,
  stream: Stream,
  state: StreamState | undefined,
): Promise<StreamRead> {
  const what = `Reddit ${stream.label}`;
  if (state?.newest === undefined || state.createdUtc === undefined) {
    // First read: the newest page only; what came before the source was set up is not fetched.
    const page = await fetchListing(session, stream.path, stream.params, what);
    return { things: page.children, anchor: newestOf(page.children), more: false };
  }
  const since = await fetchListing(session, stream.path, { ...stream.params, before: state.newest }, what);
  if (since.children.length > 0) {
    // `before` returns the things just newer than the anchor; a full page means more came meanwhile.
    return {
      things: since.children,
      anchor: newestOf(since.children),
      more: since.children.length >= pageSize,
    };
  }
  return catchUp(session, stream, { name: state.newest, createdUtc: state.createdUtc }, what);
}

/** Re-reads a stream without `before` and keeps what is at or after the anchor's time (see the top). */
async function catchUp(
  session: RedditSession,
  stream: Stream,
  anchor: Ref,
  what: string,
): Promise<StreamRead> {
  const things: unknown[] = [];
  let newest: Ref | null = null;
  let after: string | null = null;
  for (let page = 0; page < catchUpPages; page++) {
    if (page > 0 && rateLimitExhausted(session)) break;
    const listing = await fetchListing(
      session,
      stream.path,
      after ? { ...stream.params, after } : stream.params,
      what,
    );
    newest ??= newestOf(listing.children);
    let oldest: Ref | null = null;
    for (const child of listing.children) {
      const ref = refOf(child);
      if (!ref) continue;
      oldest = ref;
      if (ref.createdUtc >= anchor.createdUtc && ref.name !== anchor.name) things.push(child);
    }
    if (!listing.after || !oldest || oldest.createdUtc < anchor.createdUtc) break;
    after = listing.after;
  }
  // The newest thing still listed anchors the next `before`; the time never goes back, so a deleted
  // anchor's successors are not read twice.
  const next = newest
    ? { name: newest.name, createdUtc: Math.max(newest.createdUtc, anchor.createdUtc) }
    : anchor;
  return { things, anchor: next, more: false };
}

/** Reddit (OAuth API, app-only). */
export const redditConnector: Connector<RedditConfig, RedditSecrets> = {
  kind: "reddit",
  platform: "reddit",
  title: { de: "Reddit", en: "Reddit" },
  description: {
    de: "Neue Beiträge (und Kommentare) ausgewählter Subreddits und Reddit-weite Suchen; braucht eine Reddit-App (Client-ID und Secret).",
    en: "New posts (and comments) of chosen subreddits and Reddit-wide searches; needs a Reddit app (client id and secret).",
  },
  config: RedditConfig,
  secrets: RedditSecrets,
  // OAuth clients may make 100 requests a minute; a poll makes one per stream (two when it is quiet).
  pollSeconds: 120,
  async poll(config, secrets, rawCursor, ctx) {
    const cursor = RedditCursor.safeParse(rawCursor ?? {}).data ?? { streams: {} };
    const streams = streamsOf(config, ctx.searchTerms);
    const next: Record<string, StreamState> = {};
    for (const stream of streams) {
      const state = cursor.streams[stream.key];
      if (state) next[stream.key] = state;
    }
    if (streams.length === 0) return { posts: [], cursor: { streams: next } };

    const userAgent = secrets.userAgent ?? defaultUserAgent;
    const token = await fetchAppToken(ctx, config.authUrl, secrets, userAgent);
    const session: RedditSession = { ctx, apiBase: config.apiBase, token, userAgent };
    // Streams read longest ago go first, so a rate limit that ends polls early starves none of them.
    const ordered = [...streams].sort((a, b) =>
      (next[a.key]?.polledAt ?? "").localeCompare(next[b.key]?.polledAt ?? ""),
    );
    const posts = new Map<string, PostInput>();
    const deleted = new Set<string>();
    let more = false;
    for (const stream of ordered) {
      if (ctx.signal.aborted || rateLimitExhausted(session)) break;
      const read = await readStream(session, stream, next[stream.key]);
      for (const child of read.things) {
        const mapped = mapRedditThing(child);
        if (mapped.kind === "post") posts.set(mapped.post.externalId, mapped.post);
        else if (mapped.kind === "deleted") deleted.add(mapped.externalId);
      }
      const previous = next[stream.key];
      next[stream.key] = {
        ...(read.anchor
          ? { newest: read.anchor.name, createdUtc: read.anchor.createdUtc }
          : { newest: previous?.newest, createdUtc: previous?.createdUtc }),
        polledAt: ctx.now().toISOString(),
      };
      more ||= read.more;
    }
    return {
      // The runner checks each post with PostCreate, which takes dates as ISO text (see reddit.map.ts).
      posts: [...posts.values()],
      ...(deleted.size > 0 ? { deleted: [...deleted] } : {}),
      cursor: { streams: next },
      ...(more ? { more } : {}),
    };
  },
};
