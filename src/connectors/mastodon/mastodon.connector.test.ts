import { afterEach, describe, expect, it } from "vitest";
import { type FakeRoutes, fakeConnectorContext, startFakePlatform } from "../../../test/fake-platform.ts";
import { ConnectorError } from "../connector.ts";
import notifications from "./fixtures/notifications.json" with { type: "json" };
import search from "./fixtures/search.json" with { type: "json" };
import tagTimeline from "./fixtures/tag-timeline.json" with { type: "json" };
import newer from "./fixtures/tag-timeline-newer.json" with { type: "json" };
import { newestId, prevLinkMinId } from "./mastodon.api.ts";
import { mastodonConnector } from "./mastodon.connector.ts";
import { mapMastodonStatus } from "./mastodon.map.ts";
import { MastodonConfig, type MastodonSecrets } from "./mastodon.schema.ts";

const tagPath = "/api/v1/timelines/tag/nordwind";
const idsOf = (items: readonly { id: string }[]) => items.map((item) => item.id);
const newestOf = (items: readonly { id: string }[]) => items[0]?.id ?? "";
const oldestOf = (items: readonly { id: string }[]) => items.at(-1)?.id ?? "";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function instance(routes: FakeRoutes) {
  const server = await startFakePlatform(routes);
  servers.push(server);
  return server;
}

/** The Link header Mastodon sends with a page: older items via max_id, newer via min_id. */
function linkHeader(origin: string, path: string, items: readonly { id: string }[]): Record<string, string> {
  if (items.length === 0) return {};
  return {
    link: `<${origin}${path}?limit=40&max_id=${oldestOf(items)}>; rel="next", <${origin}${path}?limit=40&min_id=${newestOf(items)}>; rel="prev"`,
  };
}

function config(origin: string, overrides: Partial<MastodonConfig> = {}): MastodonConfig {
  return {
    instanceUrl: origin,
    hashtags: ["#Nordwind"],
    searchQueries: [],
    notifications: false,
    live: true,
    ...overrides,
  };
}

function poll(
  origin: string,
  cursor: unknown,
  secrets: MastodonSecrets = {},
  overrides: Partial<MastodonConfig> = {},
) {
  return mastodonConnector.poll(config(origin, overrides), secrets, cursor, fakeConnectorContext());
}

/** `count` statuses shaped like the fixture, ids counting down from `newest` (newest first, as Mastodon sends). */
function statusPage(newest: bigint, count: number) {
  const template = tagTimeline[1];
  return Array.from({ length: count }, (_, i) => ({ ...template, id: String(newest - BigInt(i)) }));
}

describe("mastodonConnector.poll", () => {
  it("maps the newest page of a hashtag on the first poll and remembers its newest id", async () => {
    const server = await instance({
      [`GET ${tagPath}`]: () => ({
        headers: linkHeader(server.origin, tagPath, tagTimeline),
        body: tagTimeline,
      }),
    });
    const result = await poll(server.origin, undefined);

    expect(result.posts).toEqual(tagTimeline.map((status) => mapMastodonStatus(status, "127.0.0.1")));
    expect(result.posts.map((post) => post.text)).toContain(
      'Seit heute früh kein Netz bei #nordwind in Kiel-Gaarden. Störungsmeldung sagt "alles in Ordnung" 🙄',
    );
    expect(result.cursor).toEqual({ tags: { nordwind: newestOf(tagTimeline) }, search: {} });
    expect(result.more).toBe(false);
    const [request] = server.requests;
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ limit: "40" });
  });

  it("asks only for statuses newer than the cursor on the next poll", async () => {
    const server = await instance({
      [`GET ${tagPath}`]: (req) => {
        const page = req.query.get("min_id") === newestOf(tagTimeline) ? newer : tagTimeline;
        return { headers: linkHeader(server.origin, tagPath, page), body: page };
      },
    });
    const first = await poll(server.origin, undefined);
    const second = await poll(server.origin, JSON.parse(JSON.stringify(first.cursor)));

    expect(server.requests[1]?.query.get("min_id")).toBe(newestOf(tagTimeline));
    expect(second.posts.map((post) => post.externalId)).toEqual(idsOf(newer));
    expect(second.cursor).toEqual({ tags: { nordwind: newestOf(newer) }, search: {} });
  });

  it("follows the prev link while pages are full", async () => {
    const cursor = 117676000000000000n;
    const full = statusPage(cursor + 40n, 40);
    const rest = statusPage(cursor + 42n, 2);
    const server = await instance({
      [`GET ${tagPath}`]: (req) => {
        const page = req.query.get("min_id") === String(cursor) ? full : rest;
        return { headers: linkHeader(server.origin, tagPath, page), body: page };
      },
    });
    const result = await poll(server.origin, { tags: { nordwind: String(cursor) } });

    expect(server.requests.map((req) => req.query.get("min_id"))).toEqual([
      String(cursor),
      String(cursor + 40n),
    ]);
    expect(result.posts).toHaveLength(42);
    expect(result.cursor).toEqual({ tags: { nordwind: String(cursor + 42n) }, search: {} });
    expect(result.more).toBe(false);
  });

  it("stops at three pages and says there is more", async () => {
    const server = await instance({
      [`GET ${tagPath}`]: (req) => {
        const page = statusPage(BigInt(req.query.get("min_id") ?? "0") + 40n, 40);
        return { headers: linkHeader(server.origin, tagPath, page), body: page };
      },
    });
    const result = await poll(server.origin, { tags: { nordwind: "1000" } });

    expect(server.requests).toHaveLength(3);
    expect(result.posts).toHaveLength(120);
    expect(result.cursor).toEqual({ tags: { nordwind: "1120" }, search: {} });
    expect(result.more).toBe(true);
  });

  it("skips a status that does not parse and keeps the others", async () => {
    const broken = { ...tagTimeline[1], account: null };
    const server = await instance({
      [`GET ${tagPath}`]: () => ({ body: [tagTimeline[0], broken, tagTimeline[2]] }),
    });
    const result = await poll(server.origin, undefined);

    expect(result.posts.map((post) => post.externalId)).toEqual([tagTimeline[0]?.id, tagTimeline[2]?.id]);
    // Without a Link header the page's own ids give the cursor, the broken status's included.
    expect(result.cursor).toEqual({ tags: { nordwind: newestOf(tagTimeline) }, search: {} });
  });

  it("treats a hashtag the instance does not know as empty", async () => {
    const server = await instance({
      [`GET ${tagPath}`]: () => ({ status: 404, body: { error: "Record not found" } }),
    });
    expect(await poll(server.origin, undefined)).toEqual({
      posts: [],
      cursor: { tags: {}, search: {} },
      more: false,
    });
  });

  it("reports a 404 that is not Mastodon's as a settings error", async () => {
    const server = await instance({
      [`GET ${tagPath}`]: () => ({ status: 404, body: "<h1>Not Found</h1>" }),
    });
    await expect(poll(server.origin, undefined)).rejects.toMatchObject({ kind: "config" });
  });

  it("sends the access token only when one is configured", async () => {
    const server = await instance({ [`GET ${tagPath}`]: () => ({ body: [] }) });
    await poll(server.origin, undefined);
    await poll(server.origin, undefined, { accessToken: "tok-123" });

    expect(server.requests.map((req) => req.headers.authorization)).toEqual([undefined, "Bearer tok-123"]);
  });

  it("searches with the token and only for statuses newer than the last one found", async () => {
    const query = "nordwind kündigen";
    const server = await instance({ "GET /api/v2/search": () => ({ body: search }) });
    const secrets = { accessToken: "tok-123" };
    const first = await poll(server.origin, undefined, secrets, { hashtags: [], searchQueries: [query] });
    await poll(server.origin, first.cursor, secrets, { hashtags: [], searchQueries: [query] });

    expect(first.posts.map((post) => post.externalId)).toEqual(idsOf(search.statuses));
    const newest = newestId(idsOf(search.statuses)) ?? "";
    expect(first.cursor).toEqual({ tags: {}, search: { [query]: newest } });
    const [firstRequest, secondRequest] = server.requests;
    expect(firstRequest?.headers.authorization).toBe("Bearer tok-123");
    expect(Object.fromEntries(firstRequest?.query ?? [])).toEqual({
      q: query,
      type: "statuses",
      limit: "40",
    });
    expect(secondRequest?.query.get("min_id")).toBe(newest);
  });

  it("reads mentions, keeps direct messages out and remembers the notification id", async () => {
    const path = "/api/v1/notifications";
    const server = await instance({
      [`GET ${path}`]: () => ({
        headers: linkHeader(server.origin, path, notifications),
        body: notifications,
      }),
    });
    const result = await poll(
      server.origin,
      undefined,
      { accessToken: "tok-123" },
      { hashtags: [], notifications: true },
    );

    expect(server.requests[0]?.query.getAll("types[]")).toEqual(["mention"]);
    const publicMention = notifications[1]?.status;
    expect(result.posts.map((post) => post.externalId)).toEqual([publicMention?.id]);
    expect(result.posts[0]?.text).toBe(
      "@nordwind_mobil wann ist das Netz in Kiel wieder da? Ich arbeite im Homeoffice!!",
    );
    expect(result.cursor).toEqual({ tags: {}, search: {}, notifications: newestOf(notifications) });
  });

  it("refuses searches and mentions without an access token, before asking the instance", async () => {
    const server = await instance({});
    const pending = poll(server.origin, undefined, {}, { notifications: true });
    await expect(pending).rejects.toMatchObject({ kind: "config" });
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ status: 429, headers: { "retry-after": "120" } }, "rate_limited", 120_000],
    // api/rate-limits: Mastodon names the end of the window in X-RateLimit-Reset; the test clock is 12:00.
    [{ status: 429, headers: { "x-ratelimit-reset": "2026-11-25T12:05:00.000Z" } }, "rate_limited", 300_000],
    [{ status: 401, body: { error: "The access token is invalid" } }, "auth", undefined],
    [{ status: 500, body: { error: "Internal server error" } }, "transient", undefined],
    [{ status: 200, body: "<html>Wartungsarbeiten</html>" }, "transient", undefined],
  ])("turns %o into a %s error", async (answer, kind, retryAfterMs) => {
    const server = await instance({ [`GET ${tagPath}`]: () => answer });
    const error = await poll(server.origin, undefined).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind, retryAfterMs });
  });
});

describe("MastodonConfig", () => {
  it("accepts an https instance with hashtags, searches or mentions", () => {
    expect(MastodonConfig.parse({ instanceUrl: "https://mastodon.social", hashtags: ["#Nordwind"] })).toEqual(
      {
        instanceUrl: "https://mastodon.social",
        hashtags: ["#Nordwind"],
        searchQueries: [],
        notifications: false,
        // Existing settings without the field follow their hashtags and mentions live.
        live: true,
      },
    );
  });

  it.each([
    ["an http instance", { instanceUrl: "http://mastodon.social", hashtags: ["nordwind"] }],
    ["an address instead of a host name", { instanceUrl: "https://10.0.0.5", hashtags: ["nordwind"] }],
    ["a hashtag with a space", { instanceUrl: "https://mastodon.social", hashtags: ["nord wind"] }],
    [
      "21 hashtags",
      { instanceUrl: "https://mastodon.social", hashtags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
    ],
    ["nothing to follow", { instanceUrl: "https://mastodon.social" }],
  ])("rejects %s", (_, value) => {
    expect(MastodonConfig.safeParse(value).success).toBe(false);
  });
});

describe("paging helpers", () => {
  it("reads min_id from the prev link of a Link header", () => {
    const link =
      '<https://mastodon.example/api/v1/notifications?max_id=34975535>; rel="next", ' +
      '<https://mastodon.example/api/v1/notifications?min_id=34975861>; rel="prev"';
    expect(prevLinkMinId(link)).toBe("34975861");
    expect(
      prevLinkMinId('<https://mastodon.example/api/v1/notifications?max_id=1>; rel="next"'),
    ).toBeUndefined();
    expect(prevLinkMinId("garbage")).toBeUndefined();
    expect(prevLinkMinId(undefined)).toBeUndefined();
  });

  it("compares Mastodon ids as numbers, however long", () => {
    expect(newestId(["99", "100", undefined, "7"])).toBe("100");
    expect(newestId(["117676307972105156", "117676513369792067"])).toBe("117676513369792067");
    expect(newestId([])).toBeUndefined();
  });
});
