import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeRequest,
  type FakeRoutes,
  fakeConnectorContext,
  startFakePlatform,
} from "../../../test/fake-platform.ts";
import { ConnectorError } from "../connector.ts";
import rateLimit from "./fixtures/graph-error-rate-limit.json" with { type: "json" };
import expiredToken from "./fixtures/graph-error-token.json" with { type: "json" };
import comments from "./fixtures/instagram-comments.json" with { type: "json" };
import commentsNewer from "./fixtures/instagram-comments-newer.json" with { type: "json" };
import reelComments from "./fixtures/instagram-comments-reel.json" with { type: "json" };
import media from "./fixtures/instagram-media.json" with { type: "json" };
import mediaNewer from "./fixtures/instagram-media-newer.json" with { type: "json" };
import mediaPage2 from "./fixtures/instagram-media-page2.json" with { type: "json" };
import { instagramConnector } from "./instagram.connector.ts";
import { instagramCommentFields, instagramMediaFields, instagramReplyFields } from "./instagram.schema.ts";

const igUserId = "17841405822304914";
const token = "IGQVJYtestaccesstoken";
const mediaPath = `/v21.0/${igUserId}/media`;
const outage = "18047209315842177";
const advent = "17995316872561048";
const reel = "17872039554120365";
const outageLink = "https://www.instagram.com/p/DBx1aQ2sNw4/";
const commentsPath = (id: string) => `/v21.0/${id}/comments`;

// fakeConnectorContext's clock: 2026-11-25T12:00:00Z.
const noon = 1_795_608_000;

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
  return instagramConnector.poll(
    { igUserId, graphBase: `${origin}/v21.0` },
    { accessToken: token },
    cursor,
    fakeConnectorContext({ now: () => new Date(now) }),
  );
}

const firstPollRoutes: FakeRoutes = {
  [`GET ${mediaPath}`]: (req) => ({
    body: req.query.get("after") === media.paging.cursors.after ? mediaPage2 : media,
  }),
  [`GET ${commentsPath(outage)}`]: () => ({ body: comments }),
  [`GET ${commentsPath(reel)}`]: () => ({ body: reelComments }),
};

const params = (req: FakeRequest | undefined) => Object.fromEntries(req?.query ?? []);

describe("instagramConnector.poll", () => {
  it("delivers the captions on both media pages and the comments and replies on them", async () => {
    const server = await graph(firstPollRoutes);
    const result = await poll(server.origin, undefined);

    expect(result.posts.map((post) => [post.externalId, post.inReplyTo])).toEqual([
      [outage, undefined],
      [advent, undefined],
      // The reel has no caption: not delivered, but its comment is.
      ["17905512376084421", outage],
      ["18013378420198765", "17905512376084421"],
      ["17866230981145202", outage],
      ["17890046113372815", reel],
    ]);
    expect(result.posts[2]?.url).toBe(outageLink);
    expect(result.more).toBe(false);
    // The advent media has no comments: it is not asked for them, and its count is remembered.
    expect(server.requests.map((req) => req.path)).toEqual([
      mediaPath,
      mediaPath,
      commentsPath(outage),
      commentsPath(reel),
    ]);
    expect(result.cursor).toEqual({
      since: noon - 60,
      seen: {},
      counts: { [outage]: 3, [advent]: 0, [reel]: 1 },
    });
    expect(params(server.requests[0])).toEqual({
      fields: instagramMediaFields,
      since: String(noon - 7 * 86_400),
      limit: "25",
      access_token: token,
    });
    expect(params(server.requests[1])).toMatchObject({ after: media.paging.cursors.after });
    expect(params(server.requests[2])).toEqual({
      fields: instagramCommentFields,
      limit: "50",
      access_token: token,
    });
  });

  it("reads again only media whose comment count changed and delivers only the new reply", async () => {
    let phase: "first" | "second" = "first";
    const server = await graph({
      ...firstPollRoutes,
      [`GET ${mediaPath}`]: (req) => {
        if (phase === "second") return { body: mediaNewer };
        return { body: req.query.get("after") === media.paging.cursors.after ? mediaPage2 : media };
      },
      [`GET ${commentsPath(outage)}`]: () => ({ body: phase === "second" ? commentsNewer : comments }),
    });
    const first = await poll(server.origin, undefined);
    phase = "second";
    const before = server.requests.length;
    const second = await poll(server.origin, first.cursor, "2026-11-25T12:10:00Z");

    expect(second.posts.map((post) => [post.externalId, post.inReplyTo, post.text])).toEqual([
      [
        "18021145098871230",
        "17905512376084421",
        "@nordwind.mobil DM ist raus, seit zwei Stunden keine Antwort.",
      ],
    ]);
    expect(server.requests.slice(before).map((req) => req.path)).toEqual([mediaPath, commentsPath(outage)]);
    expect(second.cursor).toMatchObject({
      since: noon + 600 - 60,
      counts: { [outage]: 4, [advent]: 0, [reel]: 1 },
    });
  });

  it("follows a comment's further replies through its replies edge", async () => {
    const withMoreReplies = {
      ...comments,
      data: [
        {
          ...comments.data[0],
          replies: {
            data: comments.data[0]?.replies?.data ?? [],
            paging: {
              cursors: { before: "QVFIUmR3", after: "QVFIUmVx" },
              next: `https://graph.facebook.com/v21.0/17905512376084421/replies?access_token=${token}&after=QVFIUmVx`,
            },
          },
        },
      ],
    };
    const laterReply = {
      id: "18044470981123456",
      text: "Bei mir auch, Kiel-Wik seit gestern.",
      timestamp: "2026-11-25T10:12:00+0000",
      username: "wik_nachbar",
      like_count: 1,
    };
    const server = await graph({
      [`GET ${mediaPath}`]: () => ({ body: { data: [media.data[0]] } }),
      [`GET ${commentsPath(outage)}`]: () => ({ body: withMoreReplies }),
      "GET /v21.0/17905512376084421/replies": () => ({ body: { data: [laterReply] } }),
    });
    const result = await poll(server.origin, undefined);

    expect(result.posts.map((post) => [post.externalId, post.inReplyTo, post.url])).toEqual([
      [outage, undefined, outageLink],
      ["17905512376084421", outage, outageLink],
      ["18013378420198765", "17905512376084421", outageLink],
      ["18044470981123456", "17905512376084421", outageLink],
    ]);
    expect(params(server.requests.at(-1))).toEqual({
      fields: instagramReplyFields,
      limit: "50",
      after: "QVFIUmVx",
      access_token: token,
    });
  });

  it("reports an expired token as auth and keeps the token out of the message", async () => {
    const echoed = { error: { ...expiredToken.error, message: `Cannot parse access token ${token}` } };
    const server = await graph({ [`GET ${mediaPath}`]: () => ({ status: 400, body: echoed }) });
    const error = await poll(server.origin, undefined).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: "auth" });
    expect((error as ConnectorError).message).not.toContain(token);
    for (const req of server.requests) expect(req.query.get("access_token")).toBe(token);
  });

  it("reports Instagram's Business Use Case limit (80002) as rate_limited with its wait", async () => {
    const usage = {
      [igUserId]: [
        {
          type: "instagram",
          call_count: 100,
          total_cputime: 2,
          total_time: 5,
          estimated_time_to_regain_access: 42,
        },
      ],
    };
    const server = await graph({
      [`GET ${mediaPath}`]: () => ({
        status: 403,
        headers: { "x-business-use-case-usage": JSON.stringify(usage) },
        body: {
          error: {
            ...rateLimit.error,
            message: "There have been too many calls to this Instagram account.",
            code: 80002,
          },
        },
      }),
    });
    const error = await poll(server.origin, undefined).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 42 * 60_000 });
  });

  it("reports a server error while reading comments as transient", async () => {
    const server = await graph({
      [`GET ${mediaPath}`]: () => ({ body: { data: [media.data[0]] } }),
      [`GET ${commentsPath(outage)}`]: () => ({
        status: 500,
        body: { error: { message: "An unknown error occurred", type: "OAuthException", code: 1 } },
      }),
    });
    const error = await poll(server.origin, undefined).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: "transient" });
  });

  it("skips a malformed item and keeps the others", async () => {
    const server = await graph({
      [`GET ${mediaPath}`]: () => ({
        body: { data: [{ id: advent, caption: "no timestamp" }, media.data[0]] },
      }),
      [`GET ${commentsPath(outage)}`]: () => ({
        body: { data: [comments.data[0], { ...comments.data[1], timestamp: "heute früh" }] },
      }),
    });
    const result = await poll(server.origin, undefined);

    expect(result.posts.map((post) => post.externalId)).toEqual([
      outage,
      "17905512376084421",
      "18013378420198765",
    ]);
  });
});
