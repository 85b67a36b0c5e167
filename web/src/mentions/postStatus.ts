import type { PostRead } from "../../../src/posts/posts.schema.ts";

/** A mark on a post that its author changed it after it was written: deleted it, or edited it. */
export interface PostStatusMark {
  kind: "deleted" | "edited";
  /** When (ISO 8601). */
  at: string;
}

/** The marks a post gets, the deletion first: a deleted post is shown as a record, edited or not. */
export function postStatusMarks(post: Pick<PostRead, "deletedAt" | "editedAt">): PostStatusMark[] {
  const marks: PostStatusMark[] = [];
  if (post.deletedAt) marks.push({ kind: "deleted", at: post.deletedAt });
  if (post.editedAt) marks.push({ kind: "edited", at: post.editedAt });
  return marks;
}

/** Whether the post has earlier versions to show (only an edited post has). */
export function hasEarlierVersions(post: Pick<PostRead, "editedAt">): boolean {
  return post.editedAt !== null;
}
