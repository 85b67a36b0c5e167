// Instagram payloads as the Instagram Graph API reference documents them: IG User Media
// (/{ig-user-id}/media), IG Media Comments (/{ig-media-id}/comments) and IG Comment Replies
// (/{ig-comment-id}/replies); developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference.
// Only the fields the connector asks for are described.
import { z } from "zod";
import { GraphPaging, GraphTime } from "./graph.schema.ts";

/** Fields requested on each media object. */
export const instagramMediaFields =
  "id,caption,media_type,timestamp,permalink,username,comments_count,like_count";

/** Fields requested on each reply. */
export const instagramReplyFields = "id,text,timestamp,username,like_count";

/** Fields requested on each top-level comment, with the first page of its replies expanded. */
export const instagramCommentFields = `${instagramReplyFields},replies{${instagramReplyFields}}`;

/** A photo, video, reel or album of the account. */
export const InstagramMedia = z.object({
  id: z.string().min(1),
  /** Absent when the media has no caption. */
  caption: z.string().optional(),
  media_type: z.string().optional(),
  timestamp: GraphTime,
  /** Absent on media that infringe copyright. */
  permalink: z.string().optional(),
  /** The account's own username. */
  username: z.string().optional(),
  /** Comments on the media, replies included (IG Media reference). */
  comments_count: z.number().int().nonnegative().optional(),
  like_count: z.number().int().nonnegative().optional(),
});
export type InstagramMedia = z.infer<typeof InstagramMedia>;

/** A reply to a comment; the comment itself has the same fields. */
export const InstagramReply = z.object({
  id: z.string().min(1),
  text: z.string().optional(),
  timestamp: GraphTime,
  /** The commenter's username; needs the manage-comments permission. */
  username: z.string().optional(),
  like_count: z.number().int().nonnegative().optional(),
});
export type InstagramReply = z.infer<typeof InstagramReply>;

/** A top-level comment on a media object, with the first page of its replies. */
export const InstagramComment = InstagramReply.extend({
  replies: z.object({ data: z.array(z.unknown()), paging: GraphPaging.optional() }).optional(),
});
export type InstagramComment = z.infer<typeof InstagramComment>;

/** Settings of an Instagram connector. */
export const InstagramConfig = z.object({
  /** The numeric id of the Instagram professional account (IG User), not the username. */
  igUserId: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/u, "the numeric Instagram account id"),
  /** Graph API base with version: graph.facebook.com for Facebook Login, graph.instagram.com for Instagram Login. */
  graphBase: z
    .url({ protocol: /^https?$/u })
    .default("https://graph.facebook.com/v21.0")
    .meta({ description: "Graph API base URL with version" }),
});
export type InstagramConfig = z.infer<typeof InstagramConfig>;

/** Secrets of an Instagram connector. */
export const InstagramSecrets = z.object({
  /** A user access token with instagram_basic and instagram_manage_comments (or the instagram_business_* ones). */
  accessToken: z.string().trim().min(1),
});
export type InstagramSecrets = z.infer<typeof InstagramSecrets>;
