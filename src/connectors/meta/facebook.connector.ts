// Facebook Page connector: the posts on a Page's feed and the comments on them, which are what a team has to
// answer. A poll lists the feed of the last `watchDays` days, delivers posts published since the watermark,
// then reads the comments (replies included, `filter=stream`) of every post whose `updated_time` moved past
// it — Graph moves `updated_time` when someone comments.
import type { Connector, ConnectorContext, PostInput } from "../connector.ts";
import { mapFacebookComment, mapFacebookPost } from "./facebook.map.ts";
import { publishFacebook } from "./facebook.publish.ts";
import {
  FacebookComment,
  FacebookConfig,
  FacebookPost,
  FacebookSecrets,
  facebookCommentFields,
  facebookPostFields,
} from "./facebook.schema.ts";
import { graphReader } from "./graph.client.ts";
import { graphTimeToUnix, nextAfter } from "./graph.schema.ts";
import { closeSweep, deliverOnce, type EdgeJob, openSweep } from "./graph.sweep.ts";

/** Graph requests one poll may make; more work is left to the next poll (`more: true`). */
export const facebookRequestsPerPoll = 20;

const feedPageSize = "25";
const commentPageSize = "100";

/** Polls a Facebook Page's feed and the comments on its posts through the Graph API. */
export const facebookConnector: Connector<FacebookConfig, FacebookSecrets> = {
  kind: "facebook",
  platform: "facebook",
  title: { de: "Facebook-Seite", en: "Facebook Page" },
  description: {
    de: "Beiträge und Kommentare einer eigenen Facebook-Seite über die Graph API (Seiten-Zugriffstoken).",
    en: "Posts and comments of a Facebook Page you manage, through the Graph API (Page access token).",
  },
  config: FacebookConfig,
  secrets: FacebookSecrets,
  pollSeconds: 120,
  publish: publishFacebook,
  // Facebook comments take up to 8,000 characters.
  maxTextLength: 8000,
  poll: pollFacebook,
};

async function pollFacebook(
  config: FacebookConfig,
  secrets: FacebookSecrets,
  cursor: unknown,
  ctx: ConnectorContext,
) {
  const state = openSweep(cursor, ctx.now());
  const { sweep } = state;
  const posts: PostInput[] = [];
  const { canRequest, get } = graphReader(
    ctx,
    config.graphBase,
    secrets.pageAccessToken,
    facebookRequestsPerPoll,
  );

  while (!sweep.listDone && canRequest()) {
    const page = await get(
      [config.pageId, "feed"],
      {
        fields: facebookPostFields,
        since: String(sweep.windowStart),
        limit: feedPageSize,
        after: sweep.listAfter,
      },
      "Facebook page feed",
    );
    for (const raw of page.data) {
      const parsed = FacebookPost.safeParse(raw);
      if (!parsed.success) continue;
      const item = parsed.data;
      const created = graphTimeToUnix(item.created_time);
      deliverOnce(state, posts, item.id, created, () => mapFacebookPost(item, raw));
      // No updated_time: read the comments rather than miss them.
      const updated = item.updated_time ? graphTimeToUnix(item.updated_time) : Number.POSITIVE_INFINITY;
      if (updated > state.since) sweep.queue.push({ id: item.id, edge: "comments" });
    }
    sweep.listAfter = nextAfter(page.paging);
    sweep.listDone = sweep.listAfter === undefined;
  }

  while (sweep.queue.length > 0 && canRequest()) {
    const job = sweep.queue[0] as EdgeJob;
    const page = await get(
      [job.id, "comments"],
      {
        fields: facebookCommentFields,
        filter: "stream",
        order: "reverse_chronological",
        since: String(state.since),
        limit: commentPageSize,
        after: job.after,
      },
      "Facebook comments",
    );
    let reachedKnown = false;
    for (const raw of page.data) {
      const parsed = FacebookComment.safeParse(raw);
      if (!parsed.success) continue;
      const comment = parsed.data;
      const created = graphTimeToUnix(comment.created_time);
      if (created <= state.since) reachedKnown = true;
      deliverOnce(state, posts, comment.id, created, () => mapFacebookComment(comment, job.id, raw));
    }
    // Newest first: once a page reaches comments older than the watermark, the rest were read before.
    const after = reachedKnown ? undefined : nextAfter(page.paging);
    if (after === undefined) sweep.queue.shift();
    else job.after = after;
  }

  return { posts, ...closeSweep(state) };
}
