// Reads one Mastodon instance: hashtag timelines, full-text searches and the account's mentions; the live
// connection (mastodon.stream.ts) follows the hashtags and mentions as they are written.
// API: docs.joinmastodon.org/methods/timelines#tag, /methods/search#v2, /methods/notifications#get.
import { type Connector, ConnectorError, type PostInput } from "../connector.ts";
import { mastodonApi, readSearch, readTimeline, type StreamResult } from "./mastodon.api.ts";
import { mapMastodonStatus, mentionToPost } from "./mastodon.map.ts";
import { publishMastodon } from "./mastodon.publish.ts";
import { hashtagNames, MastodonConfig, MastodonCursor, MastodonSecrets } from "./mastodon.schema.ts";
import { canStreamMastodon, streamMastodon } from "./mastodon.stream.ts";

/** Mastodon: hashtags, searches and mentions of one instance, newest first, paged with `min_id`. */
export const mastodonConnector: Connector<MastodonConfig, MastodonSecrets> = {
  kind: "mastodon",
  platform: "mastodon",
  title: { de: "Mastodon", en: "Mastodon" },
  description: {
    de: "Liest Hashtags, Suchen und Erwähnungen einer Mastodon-Instanz. Suche und Erwähnungen brauchen ein Zugriffstoken; die Suche findet nur Beiträge, die die Instanz kennt und die durchsuchbar sind. Mit Token kommen Hashtags und Erwähnungen live über die Streaming-API (abschaltbar mit „live“).",
    en: "Reads hashtags, searches and mentions of one Mastodon instance. Search and mentions need an access token; search only finds posts the instance knows and that are searchable. With a token, hashtags and mentions arrive live over the streaming API (switch off with “live”).",
  },
  config: MastodonConfig,
  secrets: MastodonSecrets,
  pollSeconds: 60,
  publish: publishMastodon,
  // The default of Mastodon instances (MAX_TOOT_CHARS); some allow more.
  maxTextLength: 500,
  async poll(config, secrets, cursor, ctx) {
    const token = secrets.accessToken;
    if (!token && (config.searchQueries.length > 0 || config.notifications)) {
      throw new ConnectorError("Mastodon: searches and mentions need an access token", "config");
    }
    const api = mastodonApi(config.instanceUrl, token, ctx);
    const previous = MastodonCursor.safeParse(cursor ?? {}).data ?? { tags: {}, search: {} };
    // Only streams still configured keep a cursor; a hashtag added again starts from its newest page.
    const next: MastodonCursor = { tags: {}, search: {} };
    const posts = new Map<string, PostInput>();
    let more = false;
    const collect = (result: StreamResult) => {
      for (const post of result.posts) posts.set(post.externalId, post);
      more ||= result.more;
      return result.newest;
    };
    const statusToPost = (item: unknown) => mapMastodonStatus(item, api.host);

    for (const tag of hashtagNames(config)) {
      const path = `/api/v1/timelines/tag/${encodeURIComponent(tag)}`;
      // A hashtag nobody has used on the instance yet is no error for a watch list (the docs answer 404
      // "Record not found"); a 404 that is not Mastodon's error entity still is one (a wrong instance URL).
      const newest = collect(
        await readTimeline(api, path, {}, previous.tags[tag], statusToPost, `#${tag}`, true),
      );
      if (newest !== undefined) next.tags[tag] = newest;
    }
    for (const query of new Set(config.searchQueries)) {
      const newest = collect(await readSearch(api, query, previous.search[query], statusToPost));
      if (newest !== undefined) next.search[query] = newest;
    }
    if (config.notifications) {
      const params = { "types[]": "mention" };
      next.notifications = collect(
        await readTimeline(
          api,
          "/api/v1/notifications",
          params,
          previous.notifications,
          (item) => mentionToPost(item, api.host),
          "mentions",
        ),
      );
    }
    return { posts: [...posts.values()], cursor: next, more };
  },
  stream: streamMastodon,
  canStream: canStreamMastodon,
};
