// The YouTube connector's settings and the parts of the YouTube Data API v3 payloads it reads. Field
// names and types follow developers.google.com/youtube/v3/docs (commentThreads, comments, search and
// errors); fields the mapping does not read are left out here but kept in the post's `raw`.
import { z } from "zod";

const Datetime = z.iso.datetime({ offset: true });

/** Settings of a YouTube source. */
export const YoutubeConfig = z
  .object({
    /** The channel whose videos' comments are read: `UC` and 22 more characters (youtube.com/channel/UC…). */
    channelId: z
      .string()
      .trim()
      .regex(/^UC[\w-]{22}$/u, "a channel id: UC and 22 letters, digits, - or _"),
    /** Video searches (search.list, newest first); each costs quota, so they run a few times an hour at most. */
    searchQueries: z.array(z.string().trim().min(1).max(200)).max(5).default([]),
    /** The Data API; changed only for tests. */
    apiBase: z
      .url({ protocol: /^https?$/u })
      .max(500)
      .default("https://www.googleapis.com/youtube/v3"),
  })
  .strict();
export type YoutubeConfig = z.infer<typeof YoutubeConfig>;

/** Secrets of a YouTube source. */
export const YoutubeSecrets = z
  .object({
    /** An API key of a Google Cloud project with the YouTube Data API v3 enabled. */
    apiKey: z.string().trim().min(1).max(200),
    /** An OAuth 2.0 access token of the channel with the youtube.force-ssl scope, to send replies; reading needs none. */
    accessToken: z.string().trim().min(1).max(4000).optional(),
  })
  .strict();
export type YoutubeSecrets = z.infer<typeof YoutubeSecrets>;

/** A comment resource (docs/comments): a top-level comment or a reply. */
export const YoutubeComment = z
  .object({
    kind: z.literal("youtube#comment"),
    id: z.string().min(1),
    snippet: z
      .object({
        authorDisplayName: z.string().optional(),
        /** The author's channel, if any. */
        authorChannelId: z.object({ value: z.string().min(1) }).optional(),
        authorChannelUrl: z.string().optional(),
        channelId: z.string().optional(),
        /** Sent by the API for video comments, though the resource table no longer lists it. */
        videoId: z.string().optional(),
        /** Plain text or HTML as `textFormat` asked; may differ from what was written (links become titles). */
        textDisplay: z.string().optional(),
        /** As written; "only guaranteed if the viewer is the comment's author". */
        textOriginal: z.string().optional(),
        /** Only set for replies. */
        parentId: z.string().optional(),
        likeCount: z.number().int().nonnegative().optional(),
        publishedAt: Datetime,
        updatedAt: Datetime.optional(),
      })
      .loose(),
  })
  // Loose: the fields not listed here stay, so the post keeps the whole resource as evidence.
  .loose();
export type YoutubeComment = z.infer<typeof YoutubeComment>;

/** A commentThread resource (docs/commentThreads): a top-level comment and some of its replies. */
export const YoutubeCommentThread = z.object({
  kind: z.literal("youtube#commentThread"),
  id: z.string().min(1),
  snippet: z.object({
    channelId: z.string().optional(),
    /** Absent for comments about the channel itself. */
    videoId: z.string().optional(),
    topLevelComment: YoutubeComment,
    totalReplyCount: z.number().int().nonnegative().optional(),
    isPublic: z.boolean().optional(),
  }),
  /** "A limited number of replies"; comments.list has them all. */
  replies: z.object({ comments: z.array(z.unknown()) }).optional(),
});
export type YoutubeCommentThread = z.infer<typeof YoutubeCommentThread>;

/** A search result (docs/search); only videos are asked for. */
export const YoutubeSearchResult = z.object({
  kind: z.literal("youtube#searchResult"),
  id: z.object({ kind: z.literal("youtube#video"), videoId: z.string().min(1) }),
  snippet: z.object({
    publishedAt: Datetime,
    channelId: z.string().min(1),
    title: z.string(),
    description: z.string(),
    channelTitle: z.string().optional(),
    liveBroadcastContent: z.string().optional(),
  }),
});
export type YoutubeSearchResult = z.infer<typeof YoutubeSearchResult>;

/** A page of a list method: its items are checked one by one, so one broken item does not cost the page. */
export const YoutubeListResponse = z.object({
  kind: z.enum(["youtube#commentThreadListResponse", "youtube#searchListResponse"]),
  nextPageToken: z.string().optional(),
  pageInfo: z.object({ totalResults: z.number().int(), resultsPerPage: z.number().int() }).optional(),
  items: z.array(z.unknown()),
});
export type YoutubeListResponse = z.infer<typeof YoutubeListResponse>;

/** An error answer (docs/errors): Google's JSON error with the reasons that tell the cases apart. */
export const GoogleErrorResponse = z.object({
  error: z.object({
    code: z.number().int(),
    message: z.string(),
    errors: z
      .array(z.object({ reason: z.string(), domain: z.string().optional(), message: z.string().optional() }))
      .default([]),
    /** Newer answers: `INVALID_ARGUMENT`, `PERMISSION_DENIED`, … */
    status: z.string().optional(),
    /** Newer answers name the cause in an ErrorInfo (`API_KEY_INVALID`). */
    details: z.array(z.object({ reason: z.string().optional() }).loose()).optional(),
  }),
});
export type GoogleErrorResponse = z.infer<typeof GoogleErrorResponse>;
