// Reads Bluesky's post search (app.bsky.feed.searchPosts, newest first) for each configured query, and,
// with `live` on, holds a Jetstream connection between polls (bluesky.jetstream.ts).
//
// Search alone is not enough: it is polled once a minute and misses what its index has not yet seen. The
// live connection reads every post of the network as it is written and keeps those that name a tracked
// topic's words or a configured search's words; the poll remains the catch-up after a connection ended.
import { type Connector, type ConnectorContext, ConnectorError, type PostInput } from "../connector.ts";
import { streamJetstream } from "./bluesky.jetstream.ts";
import { mapBlueskyPost } from "./bluesky.map.ts";
import { publishBluesky } from "./bluesky.publish.ts";
import {
  BlueskyConfig,
  BlueskyCursor,
  BlueskySearchPostsOutput,
  BlueskySecrets,
  type QueryState,
} from "./bluesky.schema.ts";
import { accessToken, type BlueskyLogin, forgetSession } from "./bluesky.session.ts";
import { bodyLimit, readXrpcJson, timeoutMs, xrpcErrorName } from "./bluesky.xrpc.ts";

/** Posts per page: the most searchPosts returns. */
const pageLimit = 100;
/** Pages read per query in one poll; an unfinished sweep continues at the next poll (`more`). */
const maxPagesPerQuery = 5;
/**
 * How far `since` reaches back behind the watermark: search indexes a post a little after its time, so a
 * post may turn up after a newer one was read. Posts inside the overlap are recognised by their URI.
 */
const overlapMs = 5 * 60_000;
/** A sweep older than this starts over from the newest page: its cursor may have gone stale. */
const maxSweepAgeMs = 60 * 60_000;
/** URIs remembered per query inside the overlap; a busy query may deliver a few posts twice (ingest ignores them). */
const maxSeen = 500;

type SearchPage = { cursor?: string | undefined; posts: unknown[] };
type Search = (params: Record<string, string>, what: string) => Promise<SearchPage>;

/** Bluesky: posts matching the configured searches, newest first, without or with an account. */
export const blueskyConnector: Connector<BlueskyConfig, BlueskySecrets> = {
  kind: "bluesky",
  platform: "bluesky",
  title: { de: "Bluesky", en: "Bluesky" },
  description: {
    de: "Durchsucht Bluesky nach den eingestellten Suchbegriffen und liest live mit (Jetstream), was die Wörter der Themen nennt. Manche Server beantworten Suchen nur angemeldet: dann mit einem App-Passwort (nie dem Kontopasswort).",
    en: "Searches Bluesky for the configured queries and reads live (Jetstream) what names the topics' words. Some servers only answer signed-in searches: then with an app password (never the account password).",
  },
  config: BlueskyConfig,
  secrets: BlueskySecrets,
  pollSeconds: 60,
  publish: publishBluesky,
  // app.bsky.feed.post: text maxGraphemes 300.
  maxTextLength: 300,
  async poll(config, secrets, cursor, ctx) {
    const search = searcher(config, secrets, ctx);
    const previous = BlueskyCursor.safeParse(cursor).data ?? { queries: {} };
    // Only queries still configured keep their state; the live connection's position stays as it is.
    const { jetstreamTimeUs } = previous;
    const next: BlueskyCursor = { queries: {}, ...(jetstreamTimeUs !== undefined && { jetstreamTimeUs }) };
    const posts = new Map<string, PostInput>();
    let more = false;
    for (const query of new Set(config.queries)) {
      const params = {
        q: query,
        sort: "latest",
        limit: String(pageLimit),
        ...(config.lang && { lang: config.lang }),
      };
      const result = await sweep(
        search,
        params,
        `Bluesky search "${query}"`,
        previous.queries[query],
        ctx.now(),
      );
      for (const post of result.posts) posts.set(post.externalId, post);
      next.queries[query] = result.state;
      more ||= result.more;
    }
    return { posts: [...posts.values()], cursor: next, more };
  },
  async stream(config, _secrets, cursor, ctx) {
    // Jetstream and getProfiles are public: no account is needed to read.
    if (config.live) await streamJetstream(config, cursor, ctx);
  },
};

/**
 * Reads the posts of one query since its watermark, page by page towards older ones. A new query reads
 * only its newest page (no history). When the page bound is hit, the sweep's cursor is kept and the watermark
 * stays until the sweep reaches it; only then does it move up to the newest post delivered.
 */
async function sweep(
  search: Search,
  params: Record<string, string>,
  what: string,
  state: QueryState | undefined,
  now: Date,
): Promise<{ posts: PostInput[]; state: QueryState; more: boolean }> {
  const current: QueryState = state ?? { seen: {} };
  const fresh = current.since === undefined && current.sweep === undefined;
  const open = current.sweep && now.getTime() - Date.parse(current.sweep.startedAt) <= maxSweepAgeMs;
  const started = open ? current.sweep : undefined;
  const seen = { ...current.seen };
  const posts: PostInput[] = [];
  let newest = started?.newest ?? current.since;
  let pageCursor = started?.cursor;
  // `since` is inclusive and compared with the AppView's sortAt (searchPosts Lexicon).
  const since = current.since && new Date(Date.parse(current.since) - overlapMs).toISOString();

  for (let page = 0; page < maxPagesPerQuery; page++) {
    const answer = await search(
      { ...params, ...(since && { since }), ...(pageCursor && { cursor: pageCursor }) },
      what,
    );
    for (const item of answer.posts) {
      const post = mapBlueskyPost(item);
      if (!post || Object.hasOwn(seen, post.externalId)) continue;
      seen[post.externalId] = post.postedAt;
      posts.push(post);
      if (newest === undefined || Date.parse(post.postedAt) > Date.parse(newest)) newest = post.postedAt;
    }
    pageCursor = answer.cursor;
    if (fresh || !pageCursor || answer.posts.length === 0) {
      return { posts, state: { ...(newest && { since: newest }), seen: recent(seen, newest) }, more: false };
    }
  }
  const startedAt = started?.startedAt ?? now.toISOString();
  const unfinished = { cursor: pageCursor ?? "", startedAt, ...(newest && { newest }) };
  return { posts, state: { ...current, seen: recent(seen, undefined), sweep: unfinished }, more: true };
}

/** The delivered posts the next `since` still reaches (all while a sweep is open), newest first, bounded. */
function recent(seen: Record<string, string>, watermark: string | undefined): Record<string, string> {
  const from = watermark === undefined ? -Infinity : Date.parse(watermark) - overlapMs;
  const kept = Object.entries(seen)
    .filter(([, at]) => Date.parse(at) >= from)
    .sort(([, a], [, b]) => Date.parse(b) - Date.parse(a))
    .slice(0, maxSeen);
  return Object.fromEntries(kept);
}

/**
 * Sends searches: to the public AppView without an account; with one, signed in at the account's PDS,
 * which forwards app.bsky.* calls to its AppView (docs.bsky.app "API Hosts and Auth").
 */
function searcher(config: BlueskyConfig, secrets: BlueskySecrets, ctx: ConnectorContext): Search {
  const { identifier, appPassword } = secrets;
  const login: BlueskyLogin | undefined =
    identifier && appPassword ? { pdsUrl: config.pdsUrl, identifier, appPassword } : undefined;
  const base = login ? config.pdsUrl : config.serviceUrl;
  return async (params, what) => {
    const url = new URL("/xrpc/app.bsky.feed.searchPosts", base);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const send = async () => {
      const headers: Record<string, string> = { accept: "application/json" };
      if (login) headers.authorization = `Bearer ${await accessToken(login, ctx)}`;
      ctx.signal.throwIfAborted();
      return ctx.request({ method: "GET", url: url.toString(), headers }, { bodyLimit, timeoutMs });
    };
    let res = await send();
    // A token refused before its `exp` (app password revoked, session ended on the PDS): sign in once more.
    const refused = res.status === 401 || (res.status === 400 && xrpcErrorName(res) === "ExpiredToken");
    if (login && refused) {
      forgetSession(login);
      res = await send();
    }
    if (!login && (res.status === 401 || res.status === 403)) {
      const hint = "this service answers searches only signed in: add an account with an app password";
      throw new ConnectorError(`${what}: HTTP ${res.status}, ${hint}`, "auth");
    }
    const page = BlueskySearchPostsOutput.safeParse(readXrpcJson(res, what, ctx.now()));
    if (!page.success) throw new ConnectorError(`${what}: the answer is not a search result`, "config");
    return page.data;
  };
}
