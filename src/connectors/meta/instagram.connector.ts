// Instagram connector (professional account): captions of the account's media and the comments and replies
// on them. A poll lists the media of the last `watchDays` days, delivers captions published since the
// watermark, and reads the comments of every media whose `comments_count` (replies included) changed since
// its comments were last read. Comments come newest first but replies hang under old comments, so a changed
// media is read in full and new items are picked by time and id.
import type { Connector, ConnectorContext, PostInput } from "../connector.ts";
import { graphReader } from "./graph.client.ts";
import { graphTimeToUnix, nextAfter } from "./graph.schema.ts";
import { closeSweep, deliverOnce, type EdgeJob, openSweep } from "./graph.sweep.ts";
import { type InstagramCommentPlace, mapInstagramComment, mapInstagramMedia } from "./instagram.map.ts";
import { publishInstagram } from "./instagram.publish.ts";
import {
  InstagramComment,
  InstagramConfig,
  InstagramMedia,
  InstagramReply,
  InstagramSecrets,
  instagramCommentFields,
  instagramMediaFields,
  instagramReplyFields,
} from "./instagram.schema.ts";

/** Graph requests one poll may make (Instagram allows about 200 per account and hour); the rest waits for the next poll. */
export const instagramRequestsPerPoll = 20;

const mediaPageSize = "25";
const commentPageSize = "50";

/** Polls an Instagram professional account's media and the comments on them through the Graph API. */
export const instagramConnector: Connector<InstagramConfig, InstagramSecrets> = {
  kind: "instagram",
  platform: "instagram",
  title: { de: "Instagram-Konto", en: "Instagram account" },
  description: {
    de: "Beiträge und Kommentare eines eigenen Instagram-Business- oder Creator-Kontos über die Graph API.",
    en: "Posts and comments of an Instagram business or creator account you manage, through the Graph API.",
  },
  config: InstagramConfig,
  secrets: InstagramSecrets,
  pollSeconds: 300,
  publish: publishInstagram,
  // Instagram comments take up to 2,200 characters.
  maxTextLength: 2200,
  poll: pollInstagram,
};

async function pollInstagram(
  config: InstagramConfig,
  secrets: InstagramSecrets,
  cursor: unknown,
  ctx: ConnectorContext,
) {
  const state = openSweep(cursor, ctx.now());
  const { sweep } = state;
  const posts: PostInput[] = [];
  const { canRequest, get } = graphReader(
    ctx,
    config.graphBase,
    secrets.accessToken,
    instagramRequestsPerPoll,
  );
  const deliverComment = (raw: unknown, place: InstagramCommentPlace) => {
    const parsed = InstagramReply.safeParse(raw);
    if (!parsed.success) return;
    const created = graphTimeToUnix(parsed.data.timestamp);
    deliverOnce(state, posts, parsed.data.id, created, () => mapInstagramComment(parsed.data, place, raw));
  };

  while (!sweep.listDone && canRequest()) {
    const page = await get(
      [config.igUserId, "media"],
      {
        fields: instagramMediaFields,
        since: String(sweep.windowStart),
        limit: mediaPageSize,
        after: sweep.listAfter,
      },
      "Instagram media",
    );
    for (const raw of page.data) {
      const parsed = InstagramMedia.safeParse(raw);
      if (!parsed.success) continue;
      const media = parsed.data;
      const created = graphTimeToUnix(media.timestamp);
      deliverOnce(state, posts, media.id, created, () => mapInstagramMedia(media, raw));
      const count = media.comments_count;
      if (count !== undefined && count === (state.counts[media.id] ?? 0)) sweep.counts[media.id] = count;
      else sweep.queue.push({ id: media.id, edge: "comments", count, url: media.permalink });
    }
    sweep.listAfter = nextAfter(page.paging);
    sweep.listDone = sweep.listAfter === undefined;
  }

  while (sweep.queue.length > 0 && canRequest()) {
    const job = sweep.queue[0] as EdgeJob;
    const page =
      job.edge === "comments"
        ? await get(
            [job.id, "comments"],
            { fields: instagramCommentFields, limit: commentPageSize, after: job.after },
            "Instagram comments",
          )
        : await get(
            [job.id, "replies"],
            { fields: instagramReplyFields, limit: commentPageSize, after: job.after },
            "Instagram replies",
          );
    for (const raw of page.data) {
      deliverComment(raw, { inReplyTo: job.id, mediaUrl: job.url });
      if (job.edge === "replies") continue;
      const comment = InstagramComment.safeParse(raw);
      if (!comment.success) continue;
      for (const reply of comment.data.replies?.data ?? []) {
        deliverComment(reply, { inReplyTo: comment.data.id, mediaUrl: job.url });
      }
      const moreReplies = nextAfter(comment.data.replies?.paging);
      if (moreReplies)
        sweep.queue.push({ id: comment.data.id, edge: "replies", after: moreReplies, url: job.url });
    }
    const after = nextAfter(page.paging);
    if (after !== undefined) {
      job.after = after;
      continue;
    }
    sweep.queue.shift();
    if (job.count !== undefined) sweep.counts[job.id] = job.count;
  }

  return { posts, ...closeSweep(state) };
}
