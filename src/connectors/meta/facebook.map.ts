// Facebook Page posts and comments as Brandwache posts. Authors are named by their Page-scoped id (`from.id`):
// Graph gives each app its own id for a person, stable for that app but not the public profile id, and
// names are not unique; the name is kept as the display name.
import type { PostInput } from "../connector.ts";
import type { FacebookComment, FacebookPost } from "./facebook.schema.ts";
import { toPostInput } from "./graph.map.ts";
import { graphTimeToIso } from "./graph.schema.ts";

/** A post of the Page feed as a Brandwache post; null when it has no text (a photo or link only). */
export function mapFacebookPost(post: FacebookPost, raw: unknown = post): PostInput | null {
  return toPostInput({
    platform: "facebook",
    externalId: post.id,
    text: post.message,
    postedAt: graphTimeToIso(post.created_time),
    author: { handle: post.from?.id, displayName: post.from?.name },
    url: post.permalink_url,
    metrics: {
      likes: post.reactions?.summary?.total_count,
      replies: post.comments?.summary?.total_count,
      shares: post.shares?.count,
    },
    raw,
  });
}

/**
 * A comment as a Brandwache post that answers its parent comment, or the post itself when it is a top-level
 * comment; null when it has no text (a sticker or photo only).
 */
export function mapFacebookComment(
  comment: FacebookComment,
  postId: string,
  raw: unknown = comment,
): PostInput | null {
  return toPostInput({
    platform: "facebook",
    externalId: comment.id,
    text: comment.message,
    postedAt: graphTimeToIso(comment.created_time),
    author: { handle: comment.from?.id, displayName: comment.from?.name },
    url: comment.permalink_url,
    inReplyTo: comment.parent?.id ?? postId,
    metrics: { likes: comment.like_count, replies: comment.comment_count },
    raw,
  });
}
