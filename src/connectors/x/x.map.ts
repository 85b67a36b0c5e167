// X posts as Brandwache posts, and the search query built from the tracked topics' words.
import { PostCreate } from "../../posts/posts.schema.ts";
import { ConnectorError, type PostInput } from "../connector.ts";
import { type XConfig, type XSearchPage, XTweet, XUser, xMaxQueryLength } from "./x.schema.ts";

/** X's language codes the analysis uses as they are; others are left to Brandwache's own detection. */
function langOf(code: string | undefined): PostInput["lang"] {
  return code === "de" || code === "en" ? code : undefined;
}

// X snowflake ids carry their creation time: milliseconds since this epoch, shifted left by 22 bits.
const snowflakeEpochMs = 1288834974657n;

/** When the post with this (snowflake) id was written, in ms since 1970. */
export function snowflakeMs(id: string): number {
  return Number((BigInt(id) >> 22n) + snowflakeEpochMs);
}

/**
 * A post with its author (from `includes.users`) as a Brandwache post; null without author, or when
 * PostCreate refuses it.
 *
 * Edits: every edit of a post is a new version with its own id, and `edit_history_tweet_ids` lists all
 * versions, the first written first (X API "Edit Posts"). A version whose id is not the first is mapped as
 * an edit of the first: `externalId` is the first id, so the stored post is updated rather than a second
 * one added; `postedAt` is when the first version was written (from its snowflake id) and `editedAt` when
 * this one was (its `created_at`). Its link and `raw` are of this version, the text as it reads now.
 */
export function mapTweet(tweet: XTweet, author: XUser | undefined, raw: unknown = tweet): PostInput | null {
  if (!author) return null;
  const firstId = tweet.edit_history_tweet_ids?.[0];
  const edited = firstId !== undefined && firstId !== tweet.id;
  const metrics = tweet.public_metrics;
  const shared =
    metrics?.retweet_count === undefined && metrics?.quote_count === undefined
      ? undefined
      : (metrics.retweet_count ?? 0) + (metrics.quote_count ?? 0);
  const post: PostInput = {
    platform: "x",
    externalId: edited ? firstId : tweet.id,
    text: tweet.text.slice(0, 40_000),
    postedAt: edited ? new Date(snowflakeMs(firstId)).toISOString() : tweet.created_at,
    ...(edited ? { editedAt: tweet.created_at } : {}),
    author: {
      handle: author.username,
      displayName: author.name?.slice(0, 200) || undefined,
      followers: author.public_metrics?.followers_count,
      createdAt: author.created_at,
    },
    url: `https://x.com/${encodeURIComponent(author.username)}/status/${tweet.id}`,
    lang: langOf(tweet.lang),
    inReplyTo: tweet.referenced_tweets?.find((ref) => ref.type === "replied_to")?.id,
    metrics: {
      likes: metrics?.like_count,
      // Reposts and quotes both spread the post.
      shares: shared,
      replies: metrics?.reply_count,
      views: metrics?.impression_count,
    },
    raw,
  };
  return PostCreate.safeParse(post).success ? post : null;
}

/**
 * A recent-search query for the tracked topics' words: `(nordwind OR "nordwind mobil") -is:retweet`.
 * Words that are not plain (spaces, hyphens, operators) are quoted as exact phrases; reposts are left out
 * because they repeat the text of a post already matched. Null when there is no word.
 */
export function buildSearchQuery(terms: readonly string[]): string | null {
  const words = [
    ...new Set(terms.map((term) => term.replaceAll('"', " ").replace(/\s+/gu, " ").trim())),
  ].filter((term) => term !== "");
  if (words.length === 0) return null;
  const parts = words.map((word) => (/^[#@$]?[\p{L}\p{N}_]+$/u.test(word) ? word : `"${word}"`));
  const core = parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`;
  return `${core} -is:retweet`;
}

/** The posts of a page with their authors joined from `includes.users`; malformed items are skipped. */
export function mapSearchPage(page: XSearchPage): PostInput[] {
  return mapTweets(page.data ?? [], page.includes?.users ?? []);
}

/**
 * Posts (`data`, as X sent them) joined with their authors from `includes.users`, as a search page or a
 * stream line carries them; malformed items and posts without author are skipped.
 */
export function mapTweets(data: readonly unknown[], includedUsers: readonly unknown[]): PostInput[] {
  const users = new Map<string, { user: XUser; raw: unknown }>();
  for (const raw of includedUsers) {
    const user = XUser.safeParse(raw);
    if (user.success) users.set(user.data.id, { user: user.data, raw });
  }
  const posts: PostInput[] = [];
  for (const raw of data) {
    const tweet = XTweet.safeParse(raw);
    if (!tweet.success) continue;
    const author = users.get(tweet.data.author_id);
    const post = mapTweet(tweet.data, author?.user, { tweet: raw, author: author?.raw });
    if (post) posts.push(post);
  }
  return posts;
}

/**
 * What the connector searches: the configured query, else one built from the tracked topics' words. The
 * filtered stream adds it as its rule, so poll and stream find the same posts.
 */
export function xQuery(config: Pick<XConfig, "query">, searchTerms: readonly string[]): string {
  const query = config.query || buildSearchQuery(searchTerms);
  if (!query)
    throw new ConnectorError("X: no search query and no tracked topic words to build one", "config");
  // Also the longest filtered-stream rule on the Basic access level (see xMaxQueryLength).
  if (query.length > xMaxQueryLength) {
    const start = query.length > 80 ? `${query.slice(0, 80)}…` : query;
    throw new ConnectorError(
      `X: the query built from the tracked topics (${start}) has ${query.length} characters (at most ${xMaxQueryLength}); set a shorter query in the settings`,
      "config",
    );
  }
  return query;
}
