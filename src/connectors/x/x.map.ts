// X posts as Brandwache posts, and the search query built from the tracked topics' words.
import { PostCreate } from "../../posts/posts.schema.ts";
import type { PostInput } from "../connector.ts";
import { type XSearchPage, XTweet, XUser } from "./x.schema.ts";

/** X's language codes the analysis uses as they are; others are left to Brandwache's own detection. */
function langOf(code: string | undefined): PostInput["lang"] {
  return code === "de" || code === "en" ? code : undefined;
}

/** A post with its author (from `includes.users`) as a Brandwache post; null without author, or when PostCreate refuses it. */
export function mapTweet(tweet: XTweet, author: XUser | undefined, raw: unknown = tweet): PostInput | null {
  if (!author) return null;
  const metrics = tweet.public_metrics;
  const shared =
    metrics?.retweet_count === undefined && metrics?.quote_count === undefined
      ? undefined
      : (metrics.retweet_count ?? 0) + (metrics.quote_count ?? 0);
  const post: PostInput = {
    platform: "x",
    externalId: tweet.id,
    text: tweet.text.slice(0, 40_000),
    postedAt: tweet.created_at,
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
  const users = new Map<string, { user: XUser; raw: unknown }>();
  for (const raw of page.includes?.users ?? []) {
    const user = XUser.safeParse(raw);
    if (user.success) users.set(user.data.id, { user: user.data, raw });
  }
  const posts: PostInput[] = [];
  for (const raw of page.data ?? []) {
    const tweet = XTweet.safeParse(raw);
    if (!tweet.success) continue;
    const author = users.get(tweet.data.author_id);
    const post = mapTweet(tweet.data, author?.user, { tweet: raw, author: author?.raw });
    if (post) posts.push(post);
  }
  return posts;
}
