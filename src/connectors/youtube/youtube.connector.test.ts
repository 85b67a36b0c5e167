import { afterEach, describe, expect, it } from "vitest";
import { type FakeRoutes, fakeConnectorContext, startFakePlatform } from "../../../test/fake-platform.ts";
import { PostCreate } from "../../posts/posts.schema.ts";
import { ConnectorError, type PollResult } from "../connector.ts";
import threads from "./fixtures/comment-threads.json" with { type: "json" };
import threadsPage2 from "./fixtures/comment-threads-page-2.json" with { type: "json" };
import threadsSince from "./fixtures/comment-threads-since.json" with { type: "json" };
import errorForbidden from "./fixtures/error-forbidden.json" with { type: "json" };
import errorKeyInvalid from "./fixtures/error-key-invalid.json" with { type: "json" };
import errorQuota from "./fixtures/error-quota-exceeded.json" with { type: "json" };
import errorRateLimit from "./fixtures/error-rate-limit-exceeded.json" with { type: "json" };
import search from "./fixtures/search.json" with { type: "json" };
import searchSince from "./fixtures/search-since.json" with { type: "json" };
import { nextPacificMidnight } from "./youtube.api.ts";
import { searchIntervalMs, youtubeConnector } from "./youtube.connector.ts";
import { YoutubeConfig } from "./youtube.schema.ts";

const channelId = "UC4nW9d5kQ2mX7pLr0TsVb1e";
const secrets = { apiKey: "AIzaSyB-test-key-0123456789abcdefghijk" };
const A = "UgzA1bQ9rT5vK2mN8pLx4AaABAg";
const replyOne = `${A}.A9xQ2mZpR4bA9xQ5nYk1Lm`;
const replyTwo = `${A}.A9xQ2mZpR4bA9xQ7rTc3Wq`;
const B = "UgyP7sW2nK4qR9tL1mV6AaABAg";
const C = "Ugw3Hn8Tq1Zr5Ls9Kd2YAaABAg";

const platforms: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(platforms.splice(0).map((p) => p.close()));
});

/** A fake Data API and settings pointing at it; `comments` and `search` answer the two list methods. */
async function fakeYoutube(
  routes: { comments?: FakeRoutes[string]; search?: FakeRoutes[string] },
  settings = {},
) {
  const platform = await startFakePlatform({
    "GET /youtube/v3/commentThreads": routes.comments ?? (() => ({ body: threads })),
    ...(routes.search ? { "GET /youtube/v3/search": routes.search } : {}),
  });
  platforms.push(platform);
  const config = YoutubeConfig.parse({ channelId, apiBase: `${platform.origin}/youtube/v3`, ...settings });
  const calls = (path: string) =>
    platform.requests.filter((r) => r.path === `/youtube/v3/${path}`).map((r) => Object.fromEntries(r.query));
  return { config, calls };
}

const at = (iso: string) => fakeConnectorContext({ now: () => new Date(iso) });
const ctx = at("2026-11-25T12:00:00Z");
const ids = (result: PollResult) => result.posts.map((p) => p.externalId);
const roundTrip = (cursor: unknown) => JSON.parse(JSON.stringify(cursor)) as unknown;

async function pollError(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ConnectorError)) throw new Error(`expected a ConnectorError, got ${String(error)}`);
  return error;
}

describe("youtubeConnector.poll: comments", () => {
  it("reads the newest page of all threads of the channel with the documented parameters and maps it", async () => {
    const { config, calls } = await fakeYoutube({});
    const result = await youtubeConnector.poll(config, secrets, undefined, ctx);

    expect(calls("commentThreads")).toEqual([
      {
        part: "snippet,replies",
        allThreadsRelatedToChannelId: channelId,
        order: "time",
        maxResults: "100",
        textFormat: "plainText",
        key: secrets.apiKey,
      },
    ]);
    expect(ids(result)).toEqual([A, replyOne, replyTwo, B, C]);
    expect(result.posts.find((p) => p.externalId === C)?.author).toEqual({ handle: "Rentner aus Kiel" });
    expect(result.posts.every((p) => PostCreate.safeParse(p).success)).toBe(true);
    expect(result.cursor).toEqual({
      comments: { mark: { at: "2026-11-25T11:55:03Z", ids: [replyTwo] } },
      searches: {},
    });
    expect(result.more).toBeUndefined();
  });

  it("returns only what is newer than the cursor and stops at the first thread it knows", async () => {
    let call = 0;
    const { config, calls } = await fakeYoutube({
      comments: () => ({ body: call++ === 0 ? threads : threadsSince }),
    });
    const first = await youtubeConnector.poll(config, secrets, undefined, ctx);
    const second = await youtubeConnector.poll(
      config,
      secrets,
      roundTrip(first.cursor),
      at("2026-11-25T12:30:00Z"),
    );

    // The known thread A carries a new reply; B and the next page are not needed.
    expect(ids(second)).toEqual([
      "UgyZ2mT7rK4qW9nL1pV5AaABAg",
      "UgxQ9vL3nT6kR1mW8pZ4AaABAg",
      `${A}.A9xQ2mZpR4bA9xRb3Kd7Mn`,
    ]);
    expect(calls("commentThreads")).toHaveLength(2);
    expect(second.cursor).toMatchObject({ comments: { mark: { at: "2026-11-25T12:21:44Z" } } });
  });

  it("pages with nextPageToken until it reaches comments it has seen", async () => {
    const { config, calls } = await fakeYoutube({
      comments: (req) => ({ body: req.query.has("pageToken") ? threadsPage2 : threads }),
    });
    const cursor = { comments: { mark: { at: "2026-11-24T20:00:00Z", ids: ["UgzOld"] } } };
    const result = await youtubeConnector.poll(config, secrets, cursor, ctx);

    expect(calls("commentThreads").map((q) => q.pageToken)).toEqual([undefined, threads.nextPageToken]);
    // 21:03 yesterday is new; 18:30 is before the mark.
    expect(ids(result)).toEqual([A, replyOne, replyTwo, B, C, "UgxT4kM8qW1nR6sP3zL9AaABAg"]);
    expect(result.cursor).toMatchObject({ comments: { mark: { at: "2026-11-25T11:55:03Z" } } });
  });

  it("reads at most five pages a poll, says there is more, and goes on from the page token", async () => {
    const { config, calls } = await fakeYoutube({
      comments: (req) => {
        const token = req.query.get("pageToken");
        if (token === "p6") return { body: threadsPage2 };
        const n = token ? Number(token.slice(1)) : 1;
        const page = structuredClone(threads);
        for (const item of page.items) item.id = `${item.id}-p${n}`;
        for (const item of page.items)
          item.snippet.topLevelComment.id = `${item.snippet.topLevelComment.id}-p${n}`;
        return { body: { ...page, nextPageToken: `p${n + 1}` } };
      },
    });
    const cursor = { comments: { mark: { at: "2026-11-20T00:00:00Z", ids: [] } } };
    const first = await youtubeConnector.poll(config, secrets, cursor, ctx);

    expect(calls("commentThreads")).toHaveLength(5);
    expect(first.more).toBe(true);
    expect(first.cursor).toMatchObject({
      comments: {
        mark: { at: "2026-11-20T00:00:00Z" },
        walk: { pageToken: "p6", mark: { at: "2026-11-25T11:55:03Z" } },
      },
    });

    const second = await youtubeConnector.poll(config, secrets, roundTrip(first.cursor), ctx);
    expect(calls("commentThreads")[5]?.pageToken).toBe("p6");
    expect(ids(second)).toEqual(["UgxT4kM8qW1nR6sP3zL9AaABAg", "UgzK6pR1wT8mQ3vN5sL2AaABAg"]);
    expect(second.more).toBeUndefined();
    expect(second.cursor).toMatchObject({ comments: { mark: { at: "2026-11-25T11:55:03Z" } } });
  });

  it("starts over from the newest page when the stored page token has expired", async () => {
    const invalidToken = {
      error: {
        code: 400,
        message: "The request specifies an invalid page token.",
        errors: [{ reason: "invalidPageToken", domain: "youtube.parameter" }],
      },
    };
    const { config, calls } = await fakeYoutube({
      comments: (req) =>
        req.query.has("pageToken") ? { status: 400, body: invalidToken } : { body: threadsPage2 },
    });
    const cursor = {
      comments: { mark: { at: "2026-11-20T00:00:00Z", ids: [] }, walk: { pageToken: "stale" } },
    };
    const result = await youtubeConnector.poll(config, secrets, cursor, ctx);

    expect(calls("commentThreads").map((q) => q.pageToken)).toEqual(["stale", undefined]);
    expect(result.posts).toHaveLength(2);
  });

  it("skips a malformed thread and keeps the others of the page", async () => {
    const broken = structuredClone(threads);
    const second = broken.items[1];
    if (second) second.snippet.topLevelComment.snippet.publishedAt = "vor 2 Stunden";
    const { config } = await fakeYoutube({ comments: () => ({ body: broken }) });
    const result = await youtubeConnector.poll(config, secrets, undefined, ctx);

    expect(ids(result)).toEqual([A, replyOne, replyTwo, C]);
  });
});

describe("youtubeConnector.poll: searches", () => {
  it("searches videos newest first, then only after the newest found, at most every interval", async () => {
    const { config, calls } = await fakeYoutube(
      { search: (req) => ({ body: req.query.has("publishedAfter") ? searchSince : search }) },
      { searchQueries: ["Nordwind Mobil Störung"] },
    );
    const first = await youtubeConnector.poll(config, secrets, undefined, ctx);
    expect(calls("search")).toEqual([
      {
        part: "snippet",
        q: "Nordwind Mobil Störung",
        type: "video",
        order: "date",
        maxResults: "50",
        key: secrets.apiKey,
      },
    ]);
    expect(ids(first).slice(-2)).toEqual(["Qm7Vt2Lx9Ka", "Zp4Kw8Nr1Tb"]);
    expect(first.cursor).toMatchObject({
      searches: {
        "Nordwind Mobil Störung": {
          mark: { at: "2026-11-25T11:15:00Z", ids: ["Qm7Vt2Lx9Ka"] },
          ranAt: "2026-11-25T12:00:00.000Z",
        },
      },
    });

    // One query may run every 16 minutes: not at 12:05, again at 12:20.
    const early = await youtubeConnector.poll(
      config,
      secrets,
      roundTrip(first.cursor),
      at("2026-11-25T12:05:00Z"),
    );
    expect(calls("search")).toHaveLength(1);
    const later = await youtubeConnector.poll(
      config,
      secrets,
      roundTrip(early.cursor),
      at("2026-11-25T12:20:00Z"),
    );
    expect(calls("search")[1]?.publishedAfter).toBe("2026-11-25T11:15:00Z");
    // The video at exactly the mark comes back (publishedAfter includes it) and is not returned again.
    expect(ids(later).filter((id) => id.length === 11)).toEqual(["Hs3Nq7Wt2Lc"]);
  });

  it("pauses searches until midnight Pacific Time when their quota is spent, and still returns the comments", async () => {
    const { config, calls } = await fakeYoutube(
      { search: () => ({ status: 403, body: errorQuota }) },
      { searchQueries: ["Nordwind Mobil Störung"] },
    );
    const result = await youtubeConnector.poll(config, secrets, undefined, ctx);
    expect(result.posts).toHaveLength(5);
    expect(result.cursor).toMatchObject({ searchesPausedUntil: "2026-11-26T08:00:00.000Z" });

    await youtubeConnector.poll(config, secrets, roundTrip(result.cursor), at("2026-11-25T18:00:00Z"));
    expect(calls("search")).toHaveLength(1);
  });
});

describe("youtubeConnector.poll: errors", () => {
  it("turns quotaExceeded into rate_limited until the quota resets at midnight Pacific Time", async () => {
    const { config } = await fakeYoutube({ comments: () => ({ status: 403, body: errorQuota }) });
    const error = await pollError(youtubeConnector.poll(config, secrets, undefined, ctx));
    expect(error.kind).toBe("rate_limited");
    // 12:00 UTC is 04:00 PST; the quota resets at 00:00 PST, 08:00 UTC the next day.
    expect(error.retryAfterMs).toBe(20 * 3_600_000);
    expect(error.message).toContain("exceeded your quota");
    expect(error.message).not.toContain("<a href");
  });

  it.each([
    ["rateLimitExceeded", { status: 403, headers: { "retry-after": "60" }, body: errorRateLimit }, 60_000],
    [
      "a 429 with Retry-After",
      { status: 429, headers: { "retry-after": "120" }, body: "Too Many Requests" },
      120_000,
    ],
  ])("turns %s into rate_limited with the wait", async (_, answer, wait) => {
    const { config } = await fakeYoutube({ comments: () => answer });
    const error = await pollError(youtubeConnector.poll(config, secrets, undefined, ctx));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterMs).toBe(wait);
  });

  it.each([
    ["keyInvalid (400)", 400, errorKeyInvalid],
    ["forbidden (403)", 403, errorForbidden],
    [
      "API_KEY_INVALID in the details (400)",
      400,
      {
        error: {
          code: 400,
          message: "API key not valid. Please pass a valid API key.",
          errors: [
            {
              message: "API key not valid. Please pass a valid API key.",
              domain: "global",
              reason: "badRequest",
            },
          ],
          status: "INVALID_ARGUMENT",
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "API_KEY_INVALID",
              domain: "googleapis.com",
            },
          ],
        },
      },
    ],
  ])("turns %s into auth", async (_, status, body) => {
    const { config } = await fakeYoutube({ comments: () => ({ status, body }) });
    const error = await pollError(youtubeConnector.poll(config, secrets, undefined, ctx));
    expect(error.kind).toBe("auth");
  });

  it("turns channelNotFound into config", async () => {
    const body = {
      error: {
        code: 404,
        message: "Channel not found.",
        errors: [{ reason: "channelNotFound", domain: "youtube.commentThread" }],
      },
    };
    const { config } = await fakeYoutube({ comments: () => ({ status: 404, body }) });
    expect((await pollError(youtubeConnector.poll(config, secrets, undefined, ctx))).kind).toBe("config");
  });

  it.each([500, 503])("turns a %d into transient", async (status) => {
    const body = {
      error: {
        code: status,
        message: "Backend Error",
        errors: [{ reason: "backendError", domain: "global" }],
      },
    };
    const { config } = await fakeYoutube({ comments: () => ({ status, body }) });
    expect((await pollError(youtubeConnector.poll(config, secrets, undefined, ctx))).kind).toBe("transient");
  });
});

describe("YoutubeConfig", () => {
  it("fills in the defaults", () => {
    expect(YoutubeConfig.parse({ channelId })).toEqual({
      channelId,
      searchQueries: [],
      apiBase: "https://www.googleapis.com/youtube/v3",
    });
  });

  it.each([
    ["a handle instead of a channel id", { channelId: "@NordwindMobil" }],
    ["more than 5 searches", { channelId, searchQueries: ["a", "b", "c", "d", "e", "f"] }],
    ["an unknown setting", { channelId, videoId: "Xk3pQ9vLm2A" }],
  ])("refuses %s", (_, settings) => {
    expect(YoutubeConfig.safeParse(settings).success).toBe(false);
  });
});

describe("searchIntervalMs", () => {
  it.each([
    [1, 960_000],
    [5, 4_800_000],
  ])("spreads %d queries over the day's 90 planned searches: %d ms", (queries, ms) => {
    expect(searchIntervalMs(queries)).toBe(ms);
  });
});

describe("nextPacificMidnight", () => {
  it.each([
    ["2026-11-25T12:00:00Z", "2026-11-26T08:00:00.000Z"], // 04:00 PST
    ["2026-07-01T06:59:59Z", "2026-07-01T07:00:00.000Z"], // 23:59:59 PDT
    ["2026-07-01T07:00:00Z", "2026-07-02T07:00:00.000Z"], // 00:00 PDT
    ["2026-03-08T06:00:00Z", "2026-03-08T08:00:00.000Z"], // 22:00 PST, the night the clocks go forward
    ["2026-03-08T12:00:00Z", "2026-03-09T07:00:00.000Z"], // 05:00 PDT, the first day of summer time
    ["2026-10-31T12:00:00Z", "2026-11-01T07:00:00.000Z"], // 05:00 PDT, the day before the clocks go back
    ["2026-11-01T12:00:00Z", "2026-11-02T08:00:00.000Z"], // 04:00 PST, the first day of winter time
  ])("after %s is %s", (now, midnight) => {
    expect(nextPacificMidnight(new Date(now)).toISOString()).toBe(midnight);
  });
});
