// Reddit link (t3) or comment (t1) → Brandwache post. Pure: one child of a Listing in, a post, a deletion
// or a reason to skip it out.
import type { z } from "zod";
import { PostCreate } from "../../posts/posts.schema.ts";
import { type RedditComment, type RedditLink, RedditThing } from "./reddit.schema.ts";

/** A post as the Post model takes it (dates as ISO 8601 text); the runner checks it again with PostCreate. */
export type PostInput = z.input<typeof PostCreate>;

/** What became of one thing of a listing. */
export type MappedThing =
  | { kind: "post"; post: PostInput }
  | { kind: "deleted"; externalId: string }
  | { kind: "skipped"; reason: string };

const origin = "https://www.reddit.com";
const maxText = 40_000;

// Reddit replaces the text of a post or comment with these when its author deletes it or a moderator
// removes it; the thing stays in listings. It is reported as deleted, never stored as a post.
const takenDown = new Set(["[deleted]", "[removed]"]);

/**
 * Turns one child of a Listing into a post. Links and comments whose text was deleted or removed become
 * `deleted`; broken things and promotional links (no author) are skipped. An author whose account is
 * gone keeps Reddit's own handle `[deleted]`: the text is still public and still matters, and the
 * handle says exactly what Reddit shows.
 */
export function mapRedditThing(child: unknown): MappedThing {
  const parsed = RedditThing.safeParse(child);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: "skipped",
      reason: `${issue?.path.join(".") || "(thing)"}: ${issue?.message ?? "invalid"}`,
    };
  }
  const candidate =
    parsed.data.kind === "t3" ? linkToPost(parsed.data.data) : commentToPost(parsed.data.data);
  if (candidate.kind !== "post") return candidate;
  const checked = PostCreate.safeParse(candidate.post);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      kind: "skipped",
      reason: `${issue?.path.join(".") || "(post)"}: ${issue?.message ?? "invalid"}`,
    };
  }
  return { ...candidate, post: { ...candidate.post, raw: child } };
}

function linkToPost(link: RedditLink["data"]): MappedThing {
  if (takenDown.has(link.selftext.trim())) return { kind: "deleted", externalId: link.name };
  if (link.author === null) return { kind: "skipped", reason: "promotional link without an author" };
  // A link post's words are its title; the linked address goes into the text too, since shared links are
  // what coordinated campaigns have in common.
  const linked = !link.is_self && link.url && link.url !== `${origin}${link.permalink}` ? link.url : "";
  return {
    kind: "post",
    post: {
      platform: "reddit",
      externalId: link.name,
      text: joinText(link.title, link.selftext, linked),
      postedAt: isoFromEpochSeconds(link.created_utc),
      author: { handle: link.author },
      url: `${origin}${link.permalink}`,
      metrics: { ...likes(link.score), replies: Math.max(0, link.num_comments) },
    },
  };
}

function commentToPost(comment: RedditComment["data"]): MappedThing {
  if (takenDown.has(comment.body.trim())) return { kind: "deleted", externalId: comment.name };
  // API wiki, "Fetching more": /comments/{link id}/{any text}/{comment id} opens the comment in its thread.
  const permalink = comment.permalink ?? `/comments/${comment.link_id.slice(3)}/_/${comment.id}/`;
  return {
    kind: "post",
    post: {
      platform: "reddit",
      externalId: comment.name,
      text: joinText(comment.body),
      postedAt: isoFromEpochSeconds(comment.created_utc),
      author: { handle: comment.author },
      url: `${origin}${permalink}`,
      inReplyTo: comment.parent_id,
      metrics: likes(comment.score ?? comment.ups),
    },
  };
}

function joinText(...parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .join("\n\n")
    .slice(0, maxText);
}

// `score` is upvotes minus downvotes (wiki: JSON, link.score) and can be negative; the Post model counts
// only non-negative likes, so a negative score is left out rather than shown as zero.
function likes(score: number | undefined): { likes?: number } {
  return score !== undefined && score >= 0 ? { likes: score } : {};
}

/** `created_utc` (UTC epoch seconds, wiki: JSON, "created") as ISO 8601. */
export function isoFromEpochSeconds(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString();
}
