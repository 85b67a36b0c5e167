import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeRequest,
  type FakeRoutes,
  fakeConnectorContext,
  startFakePlatform,
} from "../../../test/fake-platform.ts";
import { ConnectorError } from "../connector.ts";
import { facebookConnector, facebookRequestsPerPoll } from "./facebook.connector.ts";
import { mapFacebookComment, mapFacebookPost } from "./facebook.map.ts";
import {
  FacebookComment,
  FacebookPost,
  facebookCommentFields,
  facebookPostFields,
} from "./facebook.schema.ts";
import comments from "./fixtures/facebook-comments.json" with { type: "json" };
import commentsNewer from "./fixtures/facebook-comments-newer.json" with { type: "json" };
import photoComments from "./fixtures/facebook-comments-photo.json" with { type: "json" };
import feed from "./fixtures/facebook-feed.json" with { type: "json" };
import feedNewer from "./fixtures/facebook-feed-newer.json" with { type: "json" };
import feedPage2 from "./fixtures/facebook-feed-page2.json" with { type: "json" };
import rateLimit from "./fixtures/graph-error-rate-limit.json" with { type: "json" };
import expiredToken from "./fixtures/graph-error-token.json" with { type: "json" };
import type { GraphCursor } from "./graph.sweep.ts";

const pageId = "104857392817465";
const token = "EAAGm0PX4ZCpsBAAtestpagetoken";
const feedPath = `/v21.0/${pageId}/feed`;
const postA = "104857392817465_873920184756231";
const postB = "104857392817465_873655012394870";
const photo = "104857392817465_872104477293310";
const postD = "104857392817465_874001736612058";
const commentsPath = (postId: string) => `/v21.0/${postId}/comments`;

// fakeConnectorContext's clock: 2026-11-25T12:00:00Z.
const noon = 1_795_608_000;
const weekBeforeNoon = noon - 7 * 86_400;

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function graph(routes: FakeRoutes) {
  const server = await startFakePlatform(routes);
  servers.push(server);
  return server;
}

function poll(origin: string, cursor: unknown, now = "2026-11-25T12:00:00Z") {
  return facebookConnector.poll(
    { pageId, graphBase: `${origin}/v21.0` },
    { pageAccessToken: token },
    cursor,
    fakeConnectorContext({ now: () => new Date(now) }),
  );
}

/** Routes of the first poll: two feed pages, comments on the posts that have them. */
const firstPollRoutes: FakeRoutes = {
  [`GET ${feedPath}`]: (req) => ({
    body: req.query.get("after") === feed.paging.cursors.after ? feedPage2 : feed,
  }),
  [`GET ${commentsPath(postA)}`]: () => ({ body: comments }),
  [`GET ${commentsPath(postB)}`]: () => ({ body: { data: [] } }),
  [`GET ${commentsPath(photo)}`]: () => ({ body: photoComments }),
};

async function pollRejection(
  answer: () => { status: number; headers?: Record<string, string>; body: unknown },
) {
  const server = await graph({ [`GET ${feedPath}`]: answer });
  return poll(server.origin, undefined).then(
    () => expect.unreachable("the poll should fail"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(ConnectorError);
      return error as ConnectorError;
    },
  );
}

const params = (req: FakeRequest | undefined) => Object.fromEntries(req?.query ?? []);

describe("facebookConnector.poll", () => {
  it("delivers the feed's posts on both pages and the comments on them on the first poll", async () => {
    const server = await graph(firstPollRoutes);
    const result = await poll(server.origin, undefined);

    expect(result.posts.map((post) => post.externalId)).toEqual([
      postA,
      postB,
      // The photo post has no text: not delivered, but its comment is.
      "873920184756231_1190448327765901",
      "873920184756231_1190420983325460",
      "873920184756231_1190391254108377",
      "872104477293310_2214705593318846",
    ]);
    expect(result.posts[0]).toEqual(mapFacebookPost(FacebookPost.parse(feed.data[0]), feed.data[0]));
    expect(result.posts[2]).toEqual(
      mapFacebookComment(FacebookComment.parse(comments.data[0]), postA, comments.data[0]),
    );
    expect(result.posts[3]?.inReplyTo).toBe(postA);
    expect(result.more).toBe(false);
    expect(result.cursor).toEqual({ since: noon - 60, seen: {}, counts: {} } satisfies GraphCursor);

    const [firstFeed, secondFeed, ...commentRequests] = server.requests;
    expect(params(firstFeed)).toEqual({
      fields: facebookPostFields,
      since: String(weekBeforeNoon),
      limit: "25",
      access_token: token,
    });
    expect(params(secondFeed)).toMatchObject({
      since: String(weekBeforeNoon),
      after: feed.paging.cursors.after,
    });
    expect(commentRequests.map((req) => req.path)).toEqual([postA, postB, photo].map(commentsPath));
    expect(params(commentRequests[0])).toEqual({
      fields: facebookCommentFields,
      filter: "stream",
      order: "reverse_chronological",
      since: String(weekBeforeNoon),
      limit: "100",
      access_token: token,
    });
  });

  it("sends the watermark on the next poll and delivers only what is new", async () => {
    let phase: "first" | "second" = "first";
    const server = await graph({
      ...firstPollRoutes,
      [`GET ${feedPath}`]: (req) => {
        if (phase === "second") return { body: feedNewer };
        return { body: req.query.get("after") === feed.paging.cursors.after ? feedPage2 : feed };
      },
      [`GET ${commentsPath(postA)}`]: () => ({ body: phase === "second" ? commentsNewer : comments }),
      [`GET ${commentsPath(postD)}`]: () => ({ body: { data: [] } }),
    });
    const first = await poll(server.origin, undefined);
    phase = "second";
    const before = server.requests.length;
    const second = await poll(server.origin, first.cursor, "2026-11-25T12:10:00Z");

    expect(second.posts.map((post) => [post.externalId, post.inReplyTo])).toEqual([
      [postD, undefined],
      ["873920184756231_1190502276654118", postA],
    ]);
    const requests = server.requests.slice(before);
    // Post B's updated_time is older than the watermark: its comments are not read again.
    expect(requests.map((req) => req.path)).toEqual([feedPath, commentsPath(postD), commentsPath(postA)]);
    expect(params(requests[0])).toMatchObject({ since: String(weekBeforeNoon + 600) });
    expect(params(requests[2])).toMatchObject({ since: String(noon - 60) });
    // The page reached comments older than the watermark, so its `next` is not followed.
    expect(requests).toHaveLength(3);
    expect(second.cursor).toEqual({ since: noon + 600 - 60, seen: {}, counts: {} });
  });

  it("does not deliver again what the watermark's overlap already delivered", async () => {
    const server = await graph({
      [`GET ${feedPath}`]: () => ({ body: { data: [feedNewer.data[0]] } }),
      [`GET ${commentsPath(postD)}`]: () => ({ body: { data: [] } }),
    });
    // 12:02:10 lies in the overlap of a poll at 12:03:00, so the next poll sees the post again.
    const first = await poll(server.origin, { since: noon, seen: {}, counts: {} }, "2026-11-25T12:03:00Z");
    const second = await poll(server.origin, first.cursor, "2026-11-25T12:05:00Z");

    expect(first.posts).toHaveLength(1);
    expect(first.cursor).toMatchObject({ seen: { [postD]: noon + 130 } });
    expect(second.posts).toEqual([]);
  });

  it("stops at the request budget with more: true and continues the sweep on the next poll", async () => {
    const pages = facebookRequestsPerPoll + 5;
    const old = {
      ...feed.data[1],
      created_time: "2026-11-24T10:00:00+0000",
      updated_time: "2026-11-24T10:00:00+0000",
    };
    const server = await graph({
      [`GET ${feedPath}`]: (req) => {
        const index = Number(req.query.get("after") ?? "0");
        const last = index === pages - 1;
        const paging = { cursors: { before: String(index), after: String(index + 1) } };
        return {
          body: {
            data: [{ ...old, id: `${pageId}_${index}` }],
            paging: last
              ? paging
              : { ...paging, next: `https://graph.facebook.com/v21.0/${pageId}/feed?after=${index + 1}` },
          },
        };
      },
    });
    const watermark = { since: noon - 600, seen: {}, counts: {} };
    const first = await poll(server.origin, watermark);

    expect(server.requests).toHaveLength(facebookRequestsPerPoll);
    expect(first.more).toBe(true);
    expect(first.cursor).toMatchObject({
      since: noon - 600,
      sweep: { listAfter: String(facebookRequestsPerPoll) },
    });

    const second = await poll(server.origin, first.cursor, "2026-11-25T12:02:00Z");
    expect(params(server.requests[facebookRequestsPerPoll])).toMatchObject({
      after: String(facebookRequestsPerPoll),
    });
    expect(server.requests).toHaveLength(pages);
    expect(second.more).toBe(false);
    // The finished sweep started at noon: that, less the overlap, is the new watermark.
    expect(second.cursor).toEqual({ since: noon - 60, seen: {}, counts: {} });
  });

  it("sends the Page token as the access_token parameter only", async () => {
    const server = await graph(firstPollRoutes);
    await poll(server.origin, undefined);

    expect(server.requests.length).toBeGreaterThan(0);
    for (const req of server.requests) {
      expect(req.query.get("access_token")).toBe(token);
      expect(req.headers.authorization).toBeUndefined();
    }
  });

  it("reports an expired token as auth, without the token in the message", async () => {
    const echoed = { error: { ...expiredToken.error, message: `Malformed access token ${token}` } };
    const error = await pollRejection(() => ({ status: 400, body: echoed }));

    expect(error.kind).toBe("auth");
    expect(error.message).toContain("Graph API error 190/463");
    expect(error.message).not.toContain(token);
  });

  it.each([4, 17, 32, 613])(
    "reports error code %i as rate_limited with the wait the usage header names",
    async (code) => {
      const usage = {
        [pageId]: [
          {
            type: "pages",
            call_count: 100,
            total_cputime: 4,
            total_time: 9,
            estimated_time_to_regain_access: 7,
          },
        ],
      };
      const error = await pollRejection(() => ({
        status: 400,
        headers: { "x-business-use-case-usage": JSON.stringify(usage) },
        body: { error: { ...rateLimit.error, code } },
      }));

      expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 7 * 60_000 });
    },
  );

  it("reports a server error as transient, honouring Retry-After", async () => {
    const error = await pollRejection(() => ({
      status: 503,
      headers: { "retry-after": "30" },
      body: "Service Unavailable",
    }));
    expect(error).toMatchObject({ kind: "transient", retryAfterMs: 30_000 });
  });

  it("reports an unreachable Graph host as transient", async () => {
    const server = await graph({});
    await server.close();
    const error = await poll(server.origin, undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "transient" });
  });

  it("skips a malformed item and keeps the others", async () => {
    const server = await graph({
      [`GET ${feedPath}`]: () => ({
        body: {
          data: [
            { id: 42, message: "no valid id or time" },
            feed.data[0],
            { ...feed.data[1], created_time: "gestern" },
          ],
        },
      }),
      [`GET ${commentsPath(postA)}`]: () => ({
        body: { data: [comments.data[0], { ...comments.data[1], created_time: null }, comments.data[2]] },
      }),
    });
    const result = await poll(server.origin, undefined);

    expect(result.posts.map((post) => post.externalId)).toEqual([
      postA,
      "873920184756231_1190448327765901",
      "873920184756231_1190391254108377",
    ]);
  });
});
