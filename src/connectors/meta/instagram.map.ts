// Instagram captions and comments as Brandwache posts. Instagram usernames are unique, so they are the handle.
import type { PostInput } from "../connector.ts";
import { toPostInput } from "./graph.map.ts";
import { graphTimeToIso } from "./graph.schema.ts";
import type { InstagramMedia, InstagramReply } from "./instagram.schema.ts";

/** A media object's caption as a Brandwache post; null when it has no caption. */
export function mapInstagramMedia(media: InstagramMedia, raw: unknown = media): PostInput | null {
  return toPostInput({
    platform: "instagram",
    externalId: media.id,
    text: media.caption,
    postedAt: graphTimeToIso(media.timestamp),
    author: { handle: media.username },
    url: media.permalink,
    metrics: { likes: media.like_count, replies: media.comments_count },
    raw,
  });
}

/** Where a comment sits: what it answers and the link of its media (comments have no permalink of their own). */
export interface InstagramCommentPlace {
  /** The media id for a top-level comment, the comment id for a reply. */
  inReplyTo: string;
  mediaUrl?: string | undefined;
}

/** A comment or reply as a Brandwache post; null when it has no text. */
export function mapInstagramComment(
  comment: InstagramReply,
  place: InstagramCommentPlace,
  raw: unknown = comment,
): PostInput | null {
  return toPostInput({
    platform: "instagram",
    externalId: comment.id,
    text: comment.text,
    postedAt: graphTimeToIso(comment.timestamp),
    author: { handle: comment.username },
    url: place.mediaUrl,
    inReplyTo: place.inReplyTo,
    metrics: { likes: comment.like_count },
    raw,
  });
}
