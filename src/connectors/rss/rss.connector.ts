// RSS 2.0, RDF (RSS 1.0), Atom and JSON Feed: news sites, blogs, review sites and Google Alerts feeds.
// Conditional GET (ETag / Last-Modified), redirects followed through the SSRF guard, items de-duplicated
// by id across polls; the text is the title and the item's content with its HTML turned into text.
import { createHash } from "node:crypto";
import { parseFeed } from "feedsmith";
import { z } from "zod";
import { htmlToText } from "../../core/text/html.ts";
import { type Connector, ConnectorError, checkResponse, type PostInput } from "../connector.ts";

const RssConfig = z
  .object({
    /** The feed's address (http or https). */
    feedUrl: z.url({ protocol: /^https?$/u }).max(2000),
  })
  .strict();
type RssConfig = z.infer<typeof RssConfig>;

const RssCursor = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Ids of items already delivered, newest last (bounded). */
  seen: z.array(z.string()).default([]),
});
type RssCursor = z.infer<typeof RssCursor>;

const maxSeen = 2000;
const maxRedirects = 3;
const feedBytes = 5 * 1024 * 1024;

/** One feed item, whatever the format. */
export interface FeedItem {
  id: string | undefined;
  title: string | undefined;
  /** HTML or text; turned into text either way. */
  content: string | undefined;
  url: string | undefined;
  published: string | undefined;
  author: string | undefined;
}

/** A parsed feed reduced to what a post needs. */
export interface ParsedFeed {
  title: string | undefined;
  language: string | undefined;
  items: FeedItem[];
}

const text = (value: unknown): string | undefined => {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "value" in value && typeof value.value === "string")
    return value.value;
  return undefined;
};

/** Parses RSS, RDF, Atom or JSON Feed into items; throws a config error naming the problem. */
export function parseAnyFeed(body: string): ParsedFeed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (error) {
    throw new ConnectorError(
      `not a feed (RSS, Atom, RDF or JSON Feed): ${error instanceof Error ? error.message : String(error)}`,
      "config",
    );
  }
  // The union of the four formats is read field by field; unknown shapes yield undefined, never a throw.
  const feed = parsed.feed as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(feed[key]) ? (feed[key] as Record<string, unknown>[]) : []);
  const firstAuthor = (item: Record<string, unknown>) => {
    const authors = item.authors;
    if (Array.isArray(authors) && authors[0] && typeof authors[0] === "object")
      return text((authors[0] as Record<string, unknown>).name);
    return text(item.author) ?? text(item.creator);
  };
  if (parsed.format === "atom") {
    return {
      title: text(feed.title),
      language: undefined,
      items: list("entries").map((e) => {
        const links = Array.isArray(e.links) ? (e.links as Record<string, unknown>[]) : [];
        const link = links.find((l) => l.rel === undefined || l.rel === "alternate") ?? links[0];
        return {
          id: text(e.id),
          title: text(e.title),
          content: text(e.content) ?? text(e.summary),
          url: text(link?.href),
          published: text(e.published) ?? text(e.updated),
          author: firstAuthor(e),
        };
      }),
    };
  }
  if (parsed.format === "json") {
    return {
      title: text(feed.title),
      language: text(feed.language),
      items: list("items").map((i) => ({
        id: text(i.id),
        title: text(i.title),
        content: text(i.content_html) ?? text(i.content_text) ?? text(i.summary),
        url: text(i.url),
        published: text(i.date_published) ?? text(i.date_modified),
        author: firstAuthor(i),
      })),
    };
  }
  return {
    title: text(feed.title),
    language: text(feed.language),
    items: list("items").map((i) => {
      const content = i.content as Record<string, unknown> | undefined;
      return {
        id: text(i.guid) ?? text(i.link),
        title: text(i.title),
        content: text(content?.encoded) ?? text(i.description),
        url: text(i.link),
        published: text(i.pubDate) ?? text((i.dc as Record<string, unknown> | undefined)?.date),
        author: firstAuthor(i),
      };
    }),
  };
}

/** A feed item as a post: `externalId` is the feed's host and the item id (hashed when too long). */
export function itemToPost(item: FeedItem, feed: ParsedFeed, feedUrl: string, now: Date): PostInput | null {
  const title = item.title ? htmlToText(item.title) : "";
  const body = item.content ? htmlToText(item.content) : "";
  const postText = [title, body]
    .filter((part) => part.length > 0)
    .join("\n\n")
    .slice(0, 40_000);
  if (postText.length === 0) return null;
  const host = new URL(feedUrl).host;
  const id =
    item.id ??
    item.url ??
    createHash("sha256")
      .update(`${title}\n${item.published ?? ""}`)
      .digest("hex");
  const externalId =
    `${host}:${id}`.length <= 300
      ? `${host}:${id}`
      : `${host}:${createHash("sha256").update(id).digest("hex")}`;
  const published = item.published ? Date.parse(item.published) : Number.NaN;
  const url = item.url && /^https?:\/\//u.test(item.url) && item.url.length <= 2000 ? item.url : undefined;
  const lang = feed.language?.toLowerCase().slice(0, 2);
  const feedTitle = feed.title ? htmlToText(feed.title) : host;
  return {
    platform: "rss",
    externalId,
    text: postText,
    postedAt: new Date(Number.isNaN(published) ? now.getTime() : published).toISOString(),
    author: { handle: host.slice(0, 200), displayName: (item.author ?? feedTitle).slice(0, 200) },
    ...(url ? { url } : {}),
    ...(lang === "de" || lang === "en" ? { lang } : {}),
    raw: item,
  };
}

/** RSS / Atom / RDF / JSON Feed. */
export const rssConnector: Connector<RssConfig, Record<string, never>> = {
  kind: "rss",
  platform: "rss",
  title: { de: "RSS-, Atom- und JSON-Feeds", en: "RSS, Atom and JSON feeds" },
  description: {
    de: "Nachrichten, Blogs, Bewertungsportale und Google-Alerts-Feeds.",
    en: "News, blogs, review sites and Google Alerts feeds.",
  },
  config: RssConfig,
  secrets: z.object({}).strict() as z.ZodType<Record<string, never>>,
  pollSeconds: 300,
  async poll(config, _secrets, rawCursor, ctx) {
    const cursor: RssCursor = RssCursor.safeParse(rawCursor ?? {}).data ?? { seen: [] };
    let url = config.feedUrl;
    const headers: Record<string, string> = {
      accept:
        "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5",
      "user-agent": "Brandwache/1 (feed reader)",
      ...(cursor.etag ? { "if-none-match": cursor.etag } : {}),
      ...(cursor.lastModified ? { "if-modified-since": cursor.lastModified } : {}),
    };
    let res = await ctx.request({ method: "GET", url, headers }, { bodyLimit: feedBytes, timeoutMs: 20_000 });
    for (let hop = 0; res.status >= 300 && res.status < 400 && res.status !== 304; hop++) {
      const location = res.headers.location;
      if (!location || hop >= maxRedirects) {
        throw new ConnectorError(
          `feed redirects ${hop >= maxRedirects ? "too often" : "without a Location"}`,
          "config",
        );
      }
      // Each hop goes through the guard again: a public feed cannot redirect the server inward.
      url = new URL(location, url).toString();
      res = await ctx.request({ method: "GET", url, headers }, { bodyLimit: feedBytes, timeoutMs: 20_000 });
    }
    if (res.status === 304) return { posts: [], cursor };
    checkResponse(res, `feed ${new URL(url).host}`, ctx.now());
    if (res.truncated)
      throw new ConnectorError(`feed is larger than ${feedBytes / 1024 / 1024} MB`, "config");
    const feed = parseAnyFeed(res.body);
    const seen = new Set(cursor.seen);
    const posts: PostInput[] = [];
    const ids: string[] = [];
    for (const item of feed.items) {
      const post = itemToPost(item, feed, config.feedUrl, ctx.now());
      if (!post) continue;
      ids.push(post.externalId);
      if (!seen.has(post.externalId)) posts.push(post);
    }
    const nextSeen = [...cursor.seen.filter((id) => !ids.includes(id)), ...ids].slice(-maxSeen);
    return {
      posts,
      cursor: {
        seen: nextSeen,
        ...(res.headers.etag ? { etag: res.headers.etag } : {}),
        ...(res.headers["last-modified"] ? { lastModified: res.headers["last-modified"] } : {}),
      },
    };
  },
};
