// YouTube comment threads and video search results → Brandwache posts. Pure: one item of a Data API
// answer in, posts (or nothing) out.
import type { z } from "zod";
import { PostCreate } from "../../posts/posts.schema.ts";
import { YoutubeComment, YoutubeCommentThread, YoutubeSearchResult } from "./youtube.schema.ts";

/** A post as the Post model takes it (dates as ISO 8601 text); the runner checks it again with PostCreate. */
export type PostInput = z.input<typeof PostCreate>;

/** A comment as a post, with what the cursor compares. */
export interface MappedComment {
  id: string;
  publishedAt: string;
  post: PostInput;
}

/** The comments of one thread; `startedAt` orders threads (commentThreads.list `order=time`). */
export interface MappedThread {
  startedAt: string;
  topLevelId: string;
  /** The top-level comment (if it maps) and the replies the thread carries. */
  comments: MappedComment[];
}

const maxText = 40_000;

/** https://www.youtube.com/watch?v=<video>[&lc=<comment>]: the link YouTube itself uses to open a comment. */
export function watchUrl(videoId: string, commentId?: string): string {
  const params = new URLSearchParams({ v: videoId, ...(commentId ? { lc: commentId } : {}) });
  return `https://www.youtube.com/watch?${params}`;
}

/**
 * Turns one comment into a post. The text is `textOriginal`, what the author wrote; the docs guarantee it
 * only to the author, so `textDisplay` (requested as plain text, never HTML) stands in when it is missing.
 * The author is their channel id, shown with their display name; a comment without a channel keeps its
 * display name as handle, and one with neither is skipped.
 */
export function mapComment(
  comment: YoutubeComment,
  thread: { videoId?: string | undefined; replies?: number | undefined },
): PostInput | null {
  const { snippet } = comment;
  const text = (snippet.textOriginal ?? snippet.textDisplay ?? "").trim().slice(0, maxText);
  const displayName = snippet.authorDisplayName?.trim() || undefined;
  const handle = snippet.authorChannelId?.value ?? displayName;
  if (!handle) return null;
  const videoId = thread.videoId ?? snippet.videoId;
  const candidate: PostInput = {
    platform: "youtube",
    externalId: comment.id,
    text,
    postedAt: snippet.publishedAt,
    author: {
      handle,
      ...(displayName && displayName !== handle ? { displayName: displayName.slice(0, 200) } : {}),
    },
    ...(videoId ? { url: watchUrl(videoId, comment.id) } : {}),
    // A reply answers its top-level comment; a top-level comment answers the video (a post when a search
    // found it, with the video id as its external id).
    ...(snippet.parentId ? { inReplyTo: snippet.parentId } : videoId ? { inReplyTo: videoId } : {}),
    metrics: {
      ...(snippet.likeCount !== undefined ? { likes: snippet.likeCount } : {}),
      ...(thread.replies !== undefined ? { replies: thread.replies } : {}),
    },
    raw: comment,
  };
  return PostCreate.safeParse(candidate).success ? candidate : null;
}

/** Turns one item of commentThreads.list into its top-level comment and replies; null when it is broken. */
export function mapCommentThread(item: unknown): MappedThread | null {
  const parsed = YoutubeCommentThread.safeParse(item);
  if (!parsed.success) return null;
  const { snippet, replies } = parsed.data;
  const top = snippet.topLevelComment;
  const comments: MappedComment[] = [];
  const topPost = mapComment(top, { videoId: snippet.videoId, replies: snippet.totalReplyCount });
  if (topPost) comments.push({ id: top.id, publishedAt: top.snippet.publishedAt, post: topPost });
  for (const raw of replies?.comments ?? []) {
    const reply = YoutubeComment.safeParse(raw).data;
    const post = reply && mapComment(reply, { videoId: snippet.videoId });
    if (reply && post) comments.push({ id: reply.id, publishedAt: reply.snippet.publishedAt, post });
  }
  return { startedAt: top.snippet.publishedAt, topLevelId: top.id, comments };
}

/** Turns one video of search.list into a post: title and description, by the channel that published it. */
export function mapSearchResult(item: unknown): { id: string; publishedAt: string; post: PostInput } | null {
  const parsed = YoutubeSearchResult.safeParse(item);
  if (!parsed.success) return null;
  const { id, snippet } = parsed.data;
  const channelTitle = snippet.channelTitle?.trim();
  const candidate: PostInput = {
    platform: "youtube",
    externalId: id.videoId,
    text: [snippet.title.trim(), snippet.description.trim()]
      .filter((t) => t !== "")
      .join("\n\n")
      .slice(0, maxText),
    postedAt: snippet.publishedAt,
    author: {
      handle: snippet.channelId,
      ...(channelTitle ? { displayName: channelTitle.slice(0, 200) } : {}),
    },
    url: watchUrl(id.videoId),
    raw: item,
  };
  return PostCreate.safeParse(candidate).success
    ? { id: id.videoId, publishedAt: snippet.publishedAt, post: candidate }
    : null;
}
