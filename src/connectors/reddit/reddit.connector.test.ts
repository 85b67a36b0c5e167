import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeRequest,
  type FakeRoutes,
  fakeConnectorContext,
  startFakePlatform,
} from "../../../test/fake-platform.ts";
import { PostCreate } from "../../posts/posts.schema.ts";
import { ConnectorError, type PollResult } from "../connector.ts";
import comments from "./fixtures/comments.json" with { type: "json" };
import newPage from "./fixtures/new.json" with { type: "json" };
import newSince from "./fixtures/new-since.json" with { type: "json" };
import search from "./fixtures/search.json" with { type: "json" };
import token from "./fixtures/token.json" with { type: "json" };
import { pageSize, redditConnector, termQueries } from "./reddit.connector.ts";
import { RedditConfig, type RedditSecrets } from "./reddit.schema.ts";

const secrets: RedditSecrets = {
  clientId: "p-jcoLKBynTLew",
  clientSecret: "gko_LXELoV07ZBNUXrvWZfzE3aI",
  userAgent: "server:brandwache-test:v1 (by /u/brandwache_test)",
};
const tokenRoute = { "POST /api/v1/access_token": () => ({ body: token }) };
const emptyListing = {
  kind: "Listing",
  data: { after: null, dist: 0, modhash: "", children: [], before: null },
};

const platforms: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(platforms.splice(0).map((p) => p.close()));
});

/** A fake Reddit (token endpoint and OAuth API on one server) and settings pointing at it. */
async function fakeReddit(routes: FakeRoutes, settings: Record<string, unknown> = {}) {
  const platform = await startFakePlatform({ ...tokenRoute, ...routes });
  platforms.push(platform);
  const config = RedditConfig.parse({
    subreddits: ["de"],
    apiBase: platform.origin,
    authUrl: `${platform.origin}/api/v1/access_token`,
    ...settings,
  });
  const listings = () => platform.requests.filter((r) => r.method === "GET");
  return { platform, config, listings };
}

// Only the settings' own streams unless a test asks for the tracked topics' words.
const ctx = fakeConnectorContext({ searchTerms: [] });

const ids = (result: PollResult) => result.posts.map((p) => p.externalId);
const query = (req: FakeRequest | undefined) => Object.fromEntries(req?.query ?? []);

async function pollError(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ConnectorError)) throw new Error(`expected a ConnectorError, got ${String(error)}`);
  return error;
}

describe("redditConnector.poll", () => {
  it("fetches an app-only token with HTTP Basic auth and reads r/de/new with it as bearer", async () => {
    const { platform, config } = await fakeReddit({ "GET /r/de/new": () => ({ body: newPage }) });
    await redditConnector.poll(config, secrets, undefined, ctx);

    const [tokenRequest, listing] = platform.requests;
    expect(tokenRequest).toMatchObject({
      method: "POST",
      path: "/api/v1/access_token",
      body: "grant_type=client_credentials",
    });
    expect(tokenRequest?.headers.authorization).toBe(
      `Basic ${Buffer.from("p-jcoLKBynTLew:gko_LXELoV07ZBNUXrvWZfzE3aI").toString("base64")}`,
    );
    expect(tokenRequest?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(tokenRequest?.headers["user-agent"]).toBe(secrets.userAgent);
    expect(listing?.path).toBe("/r/de/new");
    expect(listing?.headers.authorization).toBe(`bearer ${token.access_token}`);
    expect(listing?.headers["user-agent"]).toBe(secrets.userAgent);
    expect(query(listing)).toEqual({ limit: "100", raw_json: "1" });
  });

  it("maps the first page, reports removed posts as deleted and keeps authors whose account is gone", async () => {
    const { config } = await fakeReddit({ "GET /r/de/new": () => ({ body: newPage }) });
    const result = await redditConnector.poll(config, secrets, undefined, ctx);

    expect(ids(result)).toEqual(["t3_1h0m7rd", "t3_1h0l3xk", "t3_1h0k2qa"]);
    expect(result.deleted).toEqual(["t3_1h0jq4n"]);
    expect(result.posts.find((p) => p.externalId === "t3_1h0l3xk")?.author).toEqual({ handle: "[deleted]" });
    // The runner checks every post with the Post model before it enters the pipeline.
    expect(result.posts.every((p) => PostCreate.safeParse(p).success)).toBe(true);
    expect(result.cursor).toEqual({
      streams: {
        "r/de/new": { newest: "t3_1h0m7rd", createdUtc: 1795604520, polledAt: "2026-11-25T12:00:00.000Z" },
      },
    });
    expect(result.more).toBeUndefined();
  });

  it("asks with `before` for what is newer than the cursor and returns only that", async () => {
    const { config, listings } = await fakeReddit({
      "GET /r/de/new": (req) => ({ body: req.query.get("before") === "t3_1h0m7rd" ? newSince : newPage }),
    });
    const first = await redditConnector.poll(config, secrets, undefined, ctx);
    const later = fakeConnectorContext({ searchTerms: [], now: () => new Date("2026-11-25T12:02:00Z") });
    const second = await redditConnector.poll(
      config,
      secrets,
      JSON.parse(JSON.stringify(first.cursor)),
      later,
    );

    expect(query(listings()[1])).toEqual({ limit: "100", before: "t3_1h0m7rd", raw_json: "1" });
    expect(ids(second)).toEqual(["t3_1h0nq2w", "t3_1h0n4ty"]);
    expect(second.posts[1]?.metrics).toEqual({ replies: 9 }); // score -2: no likes
    expect(second.cursor).toEqual({
      streams: {
        "r/de/new": { newest: "t3_1h0nq2w", createdUtc: 1795607220, polledAt: "2026-11-25T12:02:00.000Z" },
      },
    });
  });

  it("re-reads without `before`, paging with `after`, when the anchor was deleted and Reddit answers nothing", async () => {
    const pageOne = { ...newSince, data: { ...newSince.data, after: "t3_1h0n4ty" } };
    const { config, listings } = await fakeReddit({
      "GET /r/de/new": (req) => {
        if (req.query.has("before")) return { body: emptyListing };
        return { body: req.query.get("after") === "t3_1h0n4ty" ? newPage : pageOne };
      },
    });
    // The anchor t3_1h0gone (10:05) was deleted since the last poll.
    const cursor = {
      streams: {
        "r/de/new": { newest: "t3_1h0gone", createdUtc: 1795601100, polledAt: "2026-11-25T11:58:00Z" },
      },
    };
    const result = await redditConnector.poll(config, secrets, cursor, ctx);

    expect(listings().map(query)).toEqual([
      { limit: "100", before: "t3_1h0gone", raw_json: "1" },
      { limit: "100", raw_json: "1" },
      { limit: "100", after: "t3_1h0n4ty", raw_json: "1" },
    ]);
    // At or after 10:05: the two of page one and the two newest of page two; 09:30 and 08:55 are old.
    expect(ids(result)).toEqual(["t3_1h0nq2w", "t3_1h0n4ty", "t3_1h0m7rd", "t3_1h0l3xk"]);
    expect(result.deleted).toBeUndefined();
    expect(result.cursor).toMatchObject({
      streams: { "r/de/new": { newest: "t3_1h0nq2w", createdUtc: 1795607220 } },
    });
  });

  it("stays anchored on a quiet stream: the re-read shows the anchor itself, nothing new", async () => {
    const { config, listings } = await fakeReddit({
      "GET /r/de/new": (req) => ({ body: req.query.has("before") ? emptyListing : newPage }),
    });
    const cursor = {
      streams: {
        "r/de/new": { newest: "t3_1h0m7rd", createdUtc: 1795604520, polledAt: "2026-11-25T11:58:00Z" },
      },
    };
    const result = await redditConnector.poll(config, secrets, cursor, ctx);

    expect(listings()).toHaveLength(2);
    expect(result.posts).toEqual([]);
    expect(result.cursor).toMatchObject({
      streams: { "r/de/new": { newest: "t3_1h0m7rd", createdUtc: 1795604520 } },
    });
  });

  it("says there is more when a `before` page comes back full", async () => {
    const [template] = newSince.data.children;
    const children = Array.from({ length: pageSize }, (_, i) => ({
      ...template,
      data: { ...template?.data, id: `1h0p${i}`, name: `t3_1h0p${i}`, created_utc: 1795607220 - i * 10 },
    }));
    const full = {
      kind: "Listing",
      data: { after: `t3_1h0p${pageSize - 1}`, dist: pageSize, modhash: "", children, before: null },
    };
    const { config } = await fakeReddit({ "GET /r/de/new": () => ({ body: full }) });
    const cursor = {
      streams: {
        "r/de/new": { newest: "t3_1h0m7rd", createdUtc: 1795604520, polledAt: "2026-11-25T11:58:00Z" },
      },
    };
    const result = await redditConnector.poll(config, secrets, cursor, ctx);

    expect(result.posts).toHaveLength(pageSize);
    expect(result.more).toBe(true);
    expect(result.cursor).toMatchObject({ streams: { "r/de/new": { newest: "t3_1h0p0" } } });
  });

  it("searches Reddit-wide sorted by new, and a post found twice in one poll is returned once", async () => {
    const { config, listings } = await fakeReddit(
      { "GET /r/de/new": () => ({ body: newPage }), "GET /search": () => ({ body: search }) },
      { searchQueries: ["Nordwind Mobil"] },
    );
    const result = await redditConnector.poll(config, secrets, undefined, ctx);

    expect(query(listings().find((r) => r.path === "/search"))).toEqual({
      q: "Nordwind Mobil",
      sort: "new",
      type: "link",
      limit: "100",
      raw_json: "1",
    });
    expect(ids(result)).toEqual(["t3_1h0m7rd", "t3_1h0l3xk", "t3_1h0k2qa", "t3_1h0kx9p"]);
    expect(Object.keys((result.cursor as { streams: object }).streams)).toEqual([
      "r/de/new",
      "search:Nordwind Mobil",
    ]);
  });

  it("searches for the tracked topics' words when no searches are configured", async () => {
    const { config, listings } = await fakeReddit(
      { "GET /search": () => ({ body: search }) },
      { subreddits: [] },
    );
    const topics = fakeConnectorContext({ searchTerms: ["nordwind", "funkloch", "netz ausfall"] });
    await redditConnector.poll(config, secrets, undefined, topics);

    expect(listings().map((r) => r.query.get("q"))).toEqual(['nordwind OR funkloch OR "netz ausfall"']);
  });

  it("reads the subreddit's new comments when asked to: replies name their parent", async () => {
    const { config } = await fakeReddit(
      { "GET /r/de/new": () => ({ body: emptyListing }), "GET /r/de/comments": () => ({ body: comments }) },
      { includeComments: true },
    );
    const result = await redditConnector.poll(config, secrets, undefined, ctx);

    expect(result.posts.map((p) => [p.externalId, p.inReplyTo])).toEqual([
      ["t1_lzq8k2m", "t3_1h0k2qa"],
      ["t1_lzq7b1x", "t1_lzq5v0c"],
    ]);
    expect(result.deleted).toEqual(["t1_lzq5v0c"]);
  });

  it("skips a malformed thing and keeps the others of the page", async () => {
    const broken = structuredClone(newPage);
    const third = broken.data.children[2];
    if (third) Object.assign(third.data, { created_utc: "heute früh" });
    const { config } = await fakeReddit({ "GET /r/de/new": () => ({ body: broken }) });
    const result = await redditConnector.poll(config, secrets, undefined, ctx);

    expect(ids(result)).toEqual(["t3_1h0m7rd", "t3_1h0l3xk"]);
    expect(result.deleted).toEqual(["t3_1h0jq4n"]);
  });

  it("stops asking when X-Ratelimit-Remaining reaches 0 and starts with the streams it missed next time", async () => {
    const { config, listings } = await fakeReddit(
      {
        "GET /r/de/new": () => ({
          headers: { "x-ratelimit-used": "100", "x-ratelimit-remaining": "0.0", "x-ratelimit-reset": "312" },
          body: newPage,
        }),
        "GET /r/germany/new": () => ({ headers: { "x-ratelimit-remaining": "99.0" }, body: emptyListing }),
      },
      { subreddits: ["de", "germany"] },
    );
    const first = await redditConnector.poll(config, secrets, undefined, ctx);
    expect(listings().map((r) => r.path)).toEqual(["/r/de/new"]);
    expect(first.posts).toHaveLength(3);
    expect(Object.keys((first.cursor as { streams: object }).streams)).toEqual(["r/de/new"]);

    await redditConnector.poll(config, secrets, first.cursor, ctx);
    expect(listings().map((r) => r.path)).toEqual(["/r/de/new", "/r/germany/new", "/r/de/new"]);
  });

  it.each([
    ["Retry-After", { "retry-after": "30" }, 30_000],
    ["X-Ratelimit-Reset only", { "x-ratelimit-remaining": "0.0", "x-ratelimit-reset": "412" }, 412_000],
  ])("turns a 429 with %s into rate_limited with the wait", async (_, headers, wait) => {
    const { config } = await fakeReddit({
      "GET /r/de/new": () => ({ status: 429, headers, body: { message: "Too Many Requests", error: 429 } }),
    });
    const error = await pollError(redditConnector.poll(config, secrets, undefined, ctx));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterMs).toBe(wait);
  });

  it.each([
    [
      "the token endpoint answers 401",
      { status: 401, body: { message: "Unauthorized", error: 401 } },
      undefined,
    ],
    [
      "the token endpoint answers an error in a 200",
      { body: { error: "unsupported_grant_type" } },
      undefined,
    ],
    [
      "the API refuses the token",
      { body: token },
      { status: 401, body: { message: "Unauthorized", error: 401 } },
    ],
  ])("fails with auth when %s", async (_, tokenAnswer, listingAnswer) => {
    const { config } = await fakeReddit({
      "POST /api/v1/access_token": () => tokenAnswer,
      "GET /r/de/new": () => listingAnswer ?? { body: newPage },
    });
    const error = await pollError(redditConnector.poll(config, secrets, undefined, ctx));
    expect(error.kind).toBe("auth");
  });

  it("fails with transient on a 5xx, so the runner retries", async () => {
    const { config } = await fakeReddit({
      "GET /r/de/new": () => ({ status: 500, body: "<html>all our servers are busy</html>" }),
    });
    const error = await pollError(redditConnector.poll(config, secrets, undefined, ctx));
    expect(error.kind).toBe("transient");
  });

  it.each([
    ["is private", { status: 403, body: { reason: "private", message: "Forbidden", error: 403 } }, "private"],
    [
      "does not exist",
      { status: 302, headers: { location: "https://www.reddit.com/subreddits/search?q=dee" } },
      "not found",
    ],
  ])("fails with config when the subreddit %s", async (_, answer, message) => {
    const { config } = await fakeReddit({ "GET /r/de/new": () => answer });
    const error = await pollError(redditConnector.poll(config, secrets, undefined, ctx));
    expect(error.kind).toBe("config");
    expect(error.message).toContain(message);
  });

  it("makes no request when there is nothing to follow", async () => {
    const { config, platform } = await fakeReddit({}, { subreddits: [] });
    const result = await redditConnector.poll(config, secrets, undefined, ctx);
    expect(result).toEqual({ posts: [], cursor: { streams: {} } });
    expect(platform.requests).toEqual([]);
  });
});

describe("RedditConfig", () => {
  it("fills in the defaults", () => {
    expect(RedditConfig.parse({ subreddits: ["de"] })).toEqual({
      subreddits: ["de"],
      searchQueries: [],
      includeComments: false,
      apiBase: "https://oauth.reddit.com",
      authUrl: "https://www.reddit.com/api/v1/access_token",
    });
  });

  it.each([
    ["a subreddit with r/", { subreddits: ["r/de"] }],
    ["more than 20 subreddits", { subreddits: Array.from({ length: 21 }, (_, i) => `sub${i}`) }],
    ["more than 10 searches", { searchQueries: Array.from({ length: 11 }, (_, i) => `q${i}`) }],
    ["an unknown setting", { subreddit: "de" }],
  ])("refuses %s", (_, settings) => {
    expect(RedditConfig.safeParse(settings).success).toBe(false);
  });
});

describe("termQueries", () => {
  it("joins words with OR, quotes phrases and starts a new query past 512 characters", () => {
    const long = Array.from({ length: 60 }, (_, i) => `wort${String(i).padStart(3, "0")}`);
    const queries = termQueries(["nordwind", " ", 'netz "ausfall"', ...long]);
    expect(queries[0]?.startsWith('nordwind OR "netz ausfall" OR wort000')).toBe(true);
    expect(queries.every((q) => q.length <= 512)).toBe(true);
    expect(queries.join(" OR ").split(" OR ")).toHaveLength(62);
  });

  it("shortens a single term longer than a query may be", () => {
    expect(termQueries(["x".repeat(600), "nordwind"]).map((q) => q.length)).toEqual([510, 8]);
  });
});
