import { afterEach, describe, expect, it } from "vitest";
import { type FakeRoutes, fakeConnectorContext, startFakePlatform } from "../../../test/fake-platform.ts";
import { ConnectorError } from "../connector.ts";
import { blueskyConnector } from "./bluesky.connector.ts";
import { mapBlueskyPost } from "./bluesky.map.ts";
import { BlueskyConfig, BlueskySecrets } from "./bluesky.schema.ts";
import { jwtExpiry } from "./bluesky.session.ts";
import first from "./fixtures/search-first.json" with { type: "json" };
import newer1 from "./fixtures/search-newer-1.json" with { type: "json" };
import newer2 from "./fixtures/search-newer-2.json" with { type: "json" };
import session from "./fixtures/session.json" with { type: "json" };

const searchRoute = "GET /xrpc/app.bsky.feed.searchPosts";
const sessionRoute = "POST /xrpc/com.atproto.server.createSession";
const account = { identifier: "nordwind-monitor.bsky.social", appPassword: "abcd-efgh-ijkl-mnop" };
const uris = (posts: readonly { uri: string }[]) => posts.map((post) => post.uri);
const [hamburg] = first.posts;

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function service(routes: FakeRoutes) {
  const server = await startFakePlatform(routes);
  servers.push(server);
  return server;
}

function config(
  serviceUrl: string,
  pdsUrl = serviceUrl,
  overrides: Partial<BlueskyConfig> = {},
): BlueskyConfig {
  const jetstreamUrl = "wss://jetstream2.us-east.bsky.network/subscribe";
  return { serviceUrl, pdsUrl, queries: ["nordwind"], live: true, jetstreamUrl, ...overrides };
}

function poll(
  cfg: BlueskyConfig,
  cursor: unknown,
  secrets: BlueskySecrets = {},
  now = "2026-11-25T12:00:00Z",
) {
  return blueskyConnector.poll(cfg, secrets, cursor, fakeConnectorContext({ now: () => new Date(now) }));
}

/** A copy of the first fixture post under another record key. */
function variant(n: number) {
  return { ...hamburg, uri: `${hamburg?.uri}x${n}` };
}

describe("blueskyConnector.poll", () => {
  it("maps the newest page on the first poll and sets the watermark to its newest post", async () => {
    const appview = await service({ [searchRoute]: () => ({ body: first }) });
    const result = await poll(config(appview.origin), undefined);

    expect(result.posts).toEqual(first.posts.map(mapBlueskyPost));
    expect(Object.fromEntries(appview.requests[0]?.query ?? [])).toEqual({
      q: "nordwind",
      sort: "latest",
      limit: "100",
    });
    expect(result.cursor).toEqual({
      queries: {
        nordwind: {
          since: "2026-11-25T11:41:09.512Z",
          seen: { [hamburg?.uri ?? ""]: "2026-11-25T11:41:09.512Z" },
        },
      },
    });
    expect(result.more).toBe(false);
  });

  it("asks since the watermark (less the overlap), pages on with the cursor and returns only new posts", async () => {
    const appview = await service({
      [searchRoute]: (req) => {
        if (!req.query.has("since")) return { body: first };
        return { body: req.query.get("cursor") === "2" ? newer2 : newer1 };
      },
    });
    const firstPoll = await poll(config(appview.origin), undefined);
    const second = await poll(config(appview.origin), JSON.parse(JSON.stringify(firstPoll.cursor)));

    const [, page1, page2] = appview.requests;
    expect(page1?.query.get("since")).toBe("2026-11-25T11:36:09.512Z");
    expect(page1?.query.has("cursor")).toBe(false);
    expect(page2?.query.get("since")).toBe("2026-11-25T11:36:09.512Z");
    expect(page2?.query.get("cursor")).toBe("2");
    // The Hamburg post turns up again inside the overlap and is left out.
    expect(second.posts.map((post) => post.externalId)).toEqual([
      ...uris(newer1.posts),
      newer2.posts[0]?.uri,
    ]);
    const [latest] = newer1.posts;
    expect(second.cursor).toEqual({
      queries: {
        nordwind: {
          since: latest?.record.createdAt,
          seen: { [latest?.uri ?? ""]: latest?.record.createdAt },
        },
      },
    });
    expect(second.more).toBe(false);
  });

  it("keeps an unfinished sweep in the cursor and continues it at the next poll", async () => {
    let served = 0;
    const appview = await service({
      [searchRoute]: () => {
        served++;
        return { body: { cursor: String(served), posts: [variant(served)] } };
      },
    });
    const watermark = { queries: { nordwind: { since: "2026-11-25T11:00:00.000Z", seen: {} } } };
    const result = await poll(config(appview.origin), watermark);

    expect(appview.requests).toHaveLength(5);
    expect(result.posts).toHaveLength(5);
    expect(result.more).toBe(true);
    expect(result.cursor).toMatchObject({
      queries: {
        nordwind: {
          since: "2026-11-25T11:00:00.000Z",
          sweep: { cursor: "5", newest: "2026-11-25T11:41:09.512Z", startedAt: "2026-11-25T12:00:00.000Z" },
        },
      },
    });

    await poll(config(appview.origin), result.cursor);
    expect(appview.requests[5]?.query.get("cursor")).toBe("5");
    expect(appview.requests[5]?.query.get("since")).toBe("2026-11-25T10:55:00.000Z");
  });

  it("skips a post view that does not parse and keeps the others", async () => {
    const broken = { ...hamburg, author: { handle: "no-did.bsky.social" } };
    const appview = await service({
      [searchRoute]: () => ({ body: { posts: [broken, ...first.posts.slice(1)] } }),
    });
    const result = await poll(config(appview.origin), undefined);

    expect(result.posts.map((post) => post.externalId)).toEqual(uris(first.posts.slice(1)));
  });

  it("sends the language filter when one is set", async () => {
    const appview = await service({ [searchRoute]: () => ({ body: { posts: [] } }) });
    await poll(config(appview.origin, appview.origin, { lang: "de" }), undefined);

    expect(appview.requests[0]?.query.get("lang")).toBe("de");
  });

  it("asks the public AppView without a token when no account is set", async () => {
    const appview = await service({ [searchRoute]: () => ({ body: first }) });
    const pds = await service({});
    await poll(config(appview.origin, pds.origin), undefined);

    expect(appview.requests.map((req) => req.headers.authorization)).toEqual([undefined]);
    expect(pds.requests).toHaveLength(0);
  });

  it("signs in at the PDS once, searches there with the token and reuses it at the next poll", async () => {
    const appview = await service({});
    const pds = await service({
      [sessionRoute]: () => ({ body: session }),
      [searchRoute]: () => ({ body: first }),
    });
    const cfg = config(appview.origin, pds.origin);
    const firstPoll = await poll(cfg, undefined, account);
    await poll(cfg, firstPoll.cursor, account, "2026-11-25T13:30:00Z");

    const [signIn, ...searches] = pds.requests;
    expect(signIn?.path).toBe("/xrpc/com.atproto.server.createSession");
    expect(JSON.parse(signIn?.body ?? "")).toEqual({
      identifier: account.identifier,
      password: account.appPassword,
    });
    expect(searches.map((req) => [req.path, req.headers.authorization])).toEqual([
      ["/xrpc/app.bsky.feed.searchPosts", `Bearer ${session.accessJwt}`],
      ["/xrpc/app.bsky.feed.searchPosts", `Bearer ${session.accessJwt}`],
    ]);
    expect(appview.requests).toHaveLength(0);
    expect(JSON.stringify(firstPoll.cursor)).not.toContain(session.accessJwt.slice(0, 20));
  });

  it("signs in again once the token has expired", async () => {
    const pds = await service({
      [sessionRoute]: () => ({ body: session }),
      [searchRoute]: () => ({ body: first }),
    });
    const cfg = config(pds.origin);
    await poll(cfg, undefined, account);
    await poll(cfg, undefined, account, "2026-11-25T14:30:00Z");

    expect(pds.requests.filter((req) => req.path.endsWith("createSession"))).toHaveLength(2);
  });

  it("signs in again when the PDS refuses the cached token", async () => {
    let refuse = false;
    const pds = await service({
      [sessionRoute]: () => ({ body: session }),
      [searchRoute]: () => {
        if (!refuse) return { body: first };
        refuse = false;
        return { status: 400, body: { error: "ExpiredToken", message: "Token has expired" } };
      },
    });
    const cfg = config(pds.origin);
    await poll(cfg, undefined, account);
    refuse = true;
    const result = await poll(cfg, undefined, account);

    expect(result.posts).toHaveLength(first.posts.length);
    expect(pds.requests.map((req) => req.path.split(".").at(-1))).toEqual([
      "createSession",
      "searchPosts",
      "searchPosts",
      "createSession",
      "searchPosts",
    ]);
  });

  it("reports a refused sign-in as an auth error", async () => {
    const pds = await service({
      [sessionRoute]: () => ({
        status: 401,
        body: { error: "AuthenticationRequired", message: "Invalid identifier or password" },
      }),
    });
    const error = await poll(config(pds.origin), undefined, {
      ...account,
      appPassword: "wrong-pass-word-here",
    }).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: "auth" });
  });

  it.each([
    [{ status: 429, headers: { "retry-after": "120" } }, "rate_limited", 120_000],
    // RateLimit-Reset as Bluesky sends it: the Unix time the window ends (12:05 on the test clock).
    [
      { status: 429, headers: { "ratelimit-reset": String(Date.parse("2026-11-25T12:05:00Z") / 1000) } },
      "rate_limited",
      300_000,
    ],
    [{ status: 401, body: { error: "AuthenticationRequired" } }, "auth", undefined],
    [{ status: 403, body: { error: "Forbidden" } }, "auth", undefined],
    [{ status: 500, body: { error: "InternalServerError" } }, "transient", undefined],
    [
      { status: 400, body: { error: "BadQueryString", message: "could not parse query" } },
      "config",
      undefined,
    ],
  ])("turns %o into a %s error", async (answer, kind, retryAfterMs) => {
    const appview = await service({ [searchRoute]: () => answer });
    const error = await poll(config(appview.origin), undefined).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind, retryAfterMs });
  });
});

describe("BlueskyConfig and BlueskySecrets", () => {
  it("defaults to the public AppView and bsky.social", () => {
    expect(BlueskyConfig.parse({ queries: ["nordwind"] })).toEqual({
      serviceUrl: "https://public.api.bsky.app",
      pdsUrl: "https://bsky.social",
      queries: ["nordwind"],
      live: true,
      jetstreamUrl: "wss://jetstream2.us-east.bsky.network/subscribe",
    });
  });

  it.each([
    ["no query", { queries: [] }],
    ["11 queries", { queries: Array.from({ length: 11 }, (_, i) => `q${i}`) }],
    ["an http AppView", { queries: ["nordwind"], serviceUrl: "http://public.api.bsky.app" }],
    ["another language", { queries: ["nordwind"], lang: "fr" }],
    ["an https Jetstream", { queries: ["nordwind"], jetstreamUrl: "https://jetstream.example/subscribe" }],
    ["a Jetstream without a host name", { queries: ["nordwind"], jetstreamUrl: "wss://10.0.0.7/subscribe" }],
  ])("rejects %s", (_, value) => {
    expect(BlueskyConfig.safeParse(value).success).toBe(false);
  });

  it("takes an account only together with its app password", () => {
    expect(BlueskySecrets.safeParse({}).success).toBe(true);
    expect(BlueskySecrets.safeParse(account).success).toBe(true);
    expect(BlueskySecrets.safeParse({ identifier: account.identifier }).success).toBe(false);
  });

  it("reads the expiry of an access token", () => {
    expect(jwtExpiry(session.accessJwt)).toBe(Date.parse("2026-11-25T13:59:00Z"));
    expect(jwtExpiry("not-a-jwt")).toBeUndefined();
  });
});
