// Publishing on YouTube: answers only, as the channel an OAuth 2.0 token speaks for (scope
// `youtube.force-ssl`; an API key can read but never write). A reply to a comment is comments.insert with
// `snippet.parentId`, the thread's top-level comment (developers.google.com/youtube/v3/docs/comments/insert:
// "YouTube currently supports replies only for top-level comments"); a comment on a video is
// commentThreads.insert with `snippet.videoId` (…/docs/commentThreads/insert). New videos are not posts.
import { z } from "zod";
import {
  type ConnectorContext,
  ConnectorError,
  jsonBody,
  type PublishInput,
  type PublishResult,
  sendWrite,
} from "../connector.ts";
import { youtubeError } from "./youtube.api.ts";
import { watchUrl } from "./youtube.map.ts";
import {
  YoutubeComment,
  type YoutubeConfig,
  YoutubeSearchResult,
  type YoutubeSecrets,
} from "./youtube.schema.ts";

const Inserted = z.object({
  id: z.string().min(1),
  snippet: z.object({ videoId: z.string().optional() }).loose().optional(),
});

/** What the answered post is on YouTube: a video, or a comment in a thread (its top-level comment). */
export function replyTarget(
  inReplyTo: NonNullable<PublishInput["inReplyTo"]>,
): { kind: "video"; videoId: string } | { kind: "comment"; parentId: string; videoId?: string } {
  const video = YoutubeSearchResult.safeParse(inReplyTo.raw).data;
  if (video?.id.videoId === inReplyTo.externalId) return { kind: "video", videoId: video.id.videoId };
  const comment = YoutubeComment.safeParse(inReplyTo.raw).data;
  const videoId = comment?.snippet.videoId;
  // A reply to a reply goes into the same thread, under its top-level comment.
  const parentId =
    comment?.id === inReplyTo.externalId ? (comment.snippet.parentId ?? comment.id) : inReplyTo.externalId;
  return { kind: "comment", parentId, ...(videoId ? { videoId } : {}) };
}

/** Answers a comment or comments on a video as the token's channel. */
export async function publishYoutube(
  config: YoutubeConfig,
  secrets: YoutubeSecrets,
  input: PublishInput,
  ctx: ConnectorContext,
): Promise<PublishResult> {
  const what = "YouTube reply";
  if (!input.inReplyTo) {
    throw new ConnectorError(
      "YouTube: only answers to comments and videos can be sent, no new posts",
      "config",
    );
  }
  if (!secrets.accessToken) {
    throw new ConnectorError(
      `${what}: needs an OAuth access token with the youtube.force-ssl scope`,
      "config",
    );
  }
  const target = replyTarget(input.inReplyTo);
  const [method, body] =
    target.kind === "video"
      ? [
          "commentThreads",
          {
            snippet: { videoId: target.videoId, topLevelComment: { snippet: { textOriginal: input.text } } },
          },
        ]
      : ["comments", { snippet: { parentId: target.parentId, textOriginal: input.text } }];
  const res = await sendWrite(
    ctx,
    {
      method: "POST",
      url: `${config.apiBase.replace(/\/+$/u, "")}/${method}?part=snippet`,
      headers: {
        authorization: `Bearer ${secrets.accessToken}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify(body),
    },
    what,
  );
  const failure = youtubeError(res, what, ctx.now());
  if (failure) throw failure;
  const inserted = Inserted.safeParse(jsonBody(res, what));
  if (!inserted.success) throw new ConnectorError(`${what}: the answer names no comment`, "transient");
  const videoId =
    target.kind === "video" ? target.videoId : (target.videoId ?? inserted.data.snippet?.videoId);
  return { externalId: inserted.data.id, url: videoId ? watchUrl(videoId, inserted.data.id) : null };
}
