// YouTube through the Data API v3 with an API key: the comments on a channel and its videos
// (commentThreads.list, allThreadsRelatedToChannelId, newest first) and video searches (search.list).
//
// Comments: threads are read newest first until one started at or before the cursor's newest
// `publishedAt`; every comment or carried reply after that time is new. At most five pages are read per
// poll; when more are waiting, the walk's page token goes into the cursor and the poll says `more`. Replies
// to threads older than that page are not seen (commentThreads carries "a limited number of replies";
// comments.list per thread would cost a request each).
//
// Searches: search.list shares a small daily allowance (100 calls a day by default, "Quota costs"), so
// each query runs at most every `searchIntervalMs`, asking only for videos published after the newest one
// it found (`publishedAfter`). When the search quota is spent, searches pause until midnight Pacific Time
// and comments go on.
import { z } from "zod";
import { type Connector, ConnectorError } from "../connector.ts";
import { fetchPage, type YoutubeSession } from "./youtube.api.ts";
import { mapCommentThread, mapSearchResult, type PostInput } from "./youtube.map.ts";
import { publishYoutube } from "./youtube.publish.ts";
import { YoutubeConfig, YoutubeSecrets } from "./youtube.schema.ts";

/** The newest time seen and the ids seen at exactly that time (so a second at the edge is not lost). */
const Mark = z.object({ at: z.string(), ids: z.array(z.string()).max(100) });
type Mark = z.infer<typeof Mark>;

const YoutubeCursor = z.object({
  comments: z
    .object({
      mark: Mark.optional(),
      /** A walk through older pages that did not end in one poll: where to go on, and the newest seen. */
      walk: z.object({ pageToken: z.string(), mark: Mark.optional() }).optional(),
    })
    .default({}),
  searches: z
    .record(z.string(), z.object({ mark: Mark.optional(), ranAt: z.string().optional() }))
    .default({}),
  /** Searches wait until then after the search quota was spent. */
  searchesPausedUntil: z.string().optional(),
});
type YoutubeCursor = z.infer<typeof YoutubeCursor>;

const commentPages = 5;
// Of the 100 search.list calls a day, 90 are planned, leaving room for a poll now from the settings page.
const searchCallsPerDay = 90;

/** How long a query waits between runs so that all of them stay within the daily search allowance. */
export function searchIntervalMs(queries: number): number {
  return Math.ceil((queries * 86_400_000) / searchCallsPerDay);
}

/** True when a comment or video at `at` with `id` comes after the mark. */
export function isAfterMark(mark: Mark | undefined, at: string, id: string): boolean {
  if (!mark) return true;
  const time = Date.parse(at);
  const markTime = Date.parse(mark.at);
  return time > markTime || (time === markTime && !mark.ids.includes(id));
}

/** The mark moved to `at` if that is later (or `id` added if it is the same time). */
export function advanceMark(mark: Mark | undefined, at: string, id: string): Mark {
  if (!mark || Date.parse(at) > Date.parse(mark.at)) return { at, ids: [id] };
  if (Date.parse(at) === Date.parse(mark.at) && !mark.ids.includes(id))
    return { at: mark.at, ids: [...mark.ids, id].slice(-100) };
  return mark;
}

async function readComments(
  session: YoutubeSession,
  channelId: string,
  state: YoutubeCursor["comments"],
  posts: Map<string, PostInput>,
): Promise<{ state: YoutubeCursor["comments"]; more: boolean }> {
  const stop = state.mark;
  let mark = state.walk ? state.walk.mark : stop;
  let pageToken = state.walk?.pageToken;
  for (let page = 0; page < commentPages; page++) {
    const params = {
      part: "snippet,replies",
      allThreadsRelatedToChannelId: channelId,
      order: "time",
      maxResults: "100",
      textFormat: "plainText",
      ...(pageToken ? { pageToken } : {}),
    };
    const answer = await fetchPage(session, "commentThreads", params, "YouTube commentThreads");
    if (answer === "invalid_page_token") {
      // The stored walk's token expired: start again from the newest page (ingest ignores repeats).
      if (page === 0 && state.walk)
        return readComments(session, channelId, { ...(stop ? { mark: stop } : {}) }, posts);
      throw new ConnectorError("YouTube commentThreads: YouTube refused its own page token", "transient");
    }
    // The first read takes the newest page only; what came before the source was set up is not fetched.
    let reachedKnown = stop === undefined;
    for (const item of answer.items) {
      const thread = mapCommentThread(item);
      if (!thread) continue;
      if (!isAfterMark(stop, thread.startedAt, thread.topLevelId)) reachedKnown = true;
      for (const comment of thread.comments) {
        if (!isAfterMark(stop, comment.publishedAt, comment.id)) continue;
        posts.set(comment.id, comment.post);
        mark = advanceMark(mark, comment.publishedAt, comment.id);
      }
    }
    if (reachedKnown || !answer.nextPageToken) return { state: mark ? { mark } : {}, more: false };
    pageToken = answer.nextPageToken;
  }
  // Still newer threads behind this page: go on from here at once; `stop` still says where the walk ends.
  return {
    state: {
      ...(stop ? { mark: stop } : {}),
      walk: { pageToken: pageToken ?? "", ...(mark ? { mark } : {}) },
    },
    more: true,
  };
}

async function readSearch(
  session: YoutubeSession,
  q: string,
  mark: Mark | undefined,
  posts: Map<string, PostInput>,
): Promise<Mark | undefined> {
  const params = {
    part: "snippet",
    q,
    type: "video",
    order: "date",
    maxResults: "50",
    ...(mark ? { publishedAfter: mark.at } : {}),
  };
  const answer = await fetchPage(session, "search", params, `YouTube search "${q.slice(0, 60)}"`);
  if (answer === "invalid_page_token") return mark;
  let next = mark;
  for (const item of answer.items) {
    const video = mapSearchResult(item);
    if (!video || !isAfterMark(mark, video.publishedAt, video.id)) continue;
    posts.set(video.id, video.post);
    next = advanceMark(next, video.publishedAt, video.id);
  }
  return next;
}

/** YouTube (Data API v3, API key). */
export const youtubeConnector: Connector<YoutubeConfig, YoutubeSecrets> = {
  kind: "youtube",
  platform: "youtube",
  title: { de: "YouTube", en: "YouTube" },
  description: {
    de: "Kommentare zu einem Kanal und seinen Videos, dazu Videosuchen; braucht einen API-Schlüssel der YouTube Data API v3.",
    en: "Comments on a channel and its videos, plus video searches; needs a YouTube Data API v3 key.",
  },
  config: YoutubeConfig,
  secrets: YoutubeSecrets,
  // A commentThreads page costs 1 of the 10,000 daily units: every 5 minutes is about 300-1,500 a day.
  pollSeconds: 300,
  publish: publishYoutube,
  // Comments take up to 10,000 characters.
  maxTextLength: 10_000,
  async poll(config, secrets, rawCursor, ctx) {
    const cursor = YoutubeCursor.safeParse(rawCursor ?? {}).data ?? { comments: {}, searches: {} };
    const session: YoutubeSession = { ctx, apiBase: config.apiBase, apiKey: secrets.apiKey };
    const posts = new Map<string, PostInput>();
    const comments = await readComments(session, config.channelId, cursor.comments, posts);

    const now = ctx.now();
    const interval = searchIntervalMs(config.searchQueries.length);
    const searches: YoutubeCursor["searches"] = {};
    let pausedUntil = cursor.searchesPausedUntil;
    if (pausedUntil && Date.parse(pausedUntil) <= now.getTime()) pausedUntil = undefined;
    for (const q of config.searchQueries) {
      const previous = cursor.searches[q] ?? {};
      searches[q] = previous;
      const due = !previous.ranAt || now.getTime() - Date.parse(previous.ranAt) >= interval;
      if (!due || pausedUntil || ctx.signal.aborted) continue;
      try {
        const mark = await readSearch(session, q, previous.mark, posts);
        searches[q] = { ...(mark ? { mark } : {}), ranAt: now.toISOString() };
      } catch (error) {
        // search.list has its own allowance: when it is spent, the comments read so far still count.
        if (!(error instanceof ConnectorError) || error.kind !== "rate_limited") throw error;
        pausedUntil = new Date(now.getTime() + (error.retryAfterMs ?? interval)).toISOString();
      }
    }
    return {
      // The runner checks each post with PostCreate, which takes dates as ISO text (see youtube.map.ts).
      posts: [...posts.values()],
      cursor: {
        comments: comments.state,
        searches,
        ...(pausedUntil ? { searchesPausedUntil: pausedUntil } : {}),
      },
      ...(comments.more ? { more: true } : {}),
    };
  },
};
