import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeRequest,
  type FakeRoutes,
  fakeConnectorContext,
  startFakePlatform,
} from "../../../test/fake-platform.ts";
import type { ConnectorContext } from "../connector.ts";
import { ConnectorError } from "../connector.ts";
import invalidQuery from "./fixtures/error-invalid-query.json" with { type: "json" };
import tooManyRequests from "./fixtures/error-too-many-requests.json" with { type: "json" };
import unauthorized from "./fixtures/error-unauthorized.json" with { type: "json" };
import page from "./fixtures/search-recent.json" with { type: "json" };
import empty from "./fixtures/search-recent-empty.json" with { type: "json" };
import newer from "./fixtures/search-recent-newer.json" with { type: "json" };
import page2 from "./fixtures/search-recent-page2.json" with { type: "json" };
import { xConnector, xPagesPerPoll } from "./x.connector.ts";
import { mapSearchPage } from "./x.map.ts";
import { XSearchPage, xTweetFields, xUserFields } from "./x.schema.ts";

const searchPath = "/2/tweets/search/recent";
const token =
  "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F";
const query = '(nordwind OR "nordwind mobil") -is:retweet';
// fakeConnectorContext's clock: 2026-11-25T12:00:00Z.
const noonMs = Date.parse("2026-11-25T12:00:00Z");

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function api(routes: FakeRoutes) {
  const server = await startFakePlatform(routes);
  servers.push(server);
  return server;
}

function poll(
  origin: string,
  cursor: unknown,
  overrides: Partial<ConnectorContext> = {},
  configQuery = query,
) {
  return xConnector.poll(
    { query: configQuery, live: false, apiBase: origin },
    { bearerToken: token },
    cursor,
    fakeConnectorContext(overrides),
  );
}

async function pollRejection(
  answer: () => { status: number; headers?: Record<string, string>; body: unknown },
) {
  const server = await api({ [`GET ${searchPath}`]: answer });
  const error = await poll(server.origin, { newestId: page.meta.newest_id }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const params = (req: FakeRequest | undefined) => Object.fromEntries(req?.query ?? []);

/** Routes that answer the first page, and the second page for its next_token. */
const twoPages: FakeRoutes = {
  [`GET ${searchPath}`]: (req) => ({
    body: req.query.get("next_token") === page.meta.next_token ? page2 : page,
  }),
};

describe("xConnector.poll", () => {
  it("reads the last day on the first poll, across both pages, and remembers the newest id", async () => {
    const server = await api(twoPages);
    const result = await poll(server.origin, undefined);

    expect(result.posts).toEqual([
      ...mapSearchPage(XSearchPage.parse(page)),
      ...mapSearchPage(XSearchPage.parse(page2)),
    ]);
    expect(result.posts.map((post) => post.url)).toContain(
      "https://x.com/funkloch_kiel/status/2125543215854530577",
    );
    expect(result.cursor).toEqual({ newestId: "2125559749800898577" });
    expect(result.more).toBe(false);

    const [first, second] = server.requests;
    expect(params(first)).toEqual({
      query,
      start_time: "2026-11-24T12:00:00.000Z",
      max_results: "100",
      "tweet.fields": xTweetFields,
      expansions: "author_id",
      "user.fields": xUserFields,
    });
    // The next page repeats the parameters and adds the token.
    expect(params(second)).toEqual({ ...params(first), next_token: page.meta.next_token });
  });

  it("asks only for posts newer than the newest one delivered on the next poll", async () => {
    const server = await api({ [`GET ${searchPath}`]: () => ({ body: newer }) });
    const result = await poll(
      server.origin,
      { newestId: "2125559749800898577" },
      {
        now: () => new Date("2026-11-25T12:08:00Z"),
      },
    );

    expect(params(server.requests[0])).toMatchObject({ since_id: "2125559749800898577" });
    expect(params(server.requests[0])).not.toHaveProperty("start_time");
    expect(result.posts.map((post) => post.externalId)).toEqual(["2125561687569346577"]);
    expect(result.cursor).toEqual({ newestId: "2125561687569346577" });
  });

  it("keeps the newest id when nothing new matched", async () => {
    const server = await api({ [`GET ${searchPath}`]: () => ({ body: empty }) });
    const result = await poll(server.origin, { newestId: "2125559749800898577" });

    expect(result).toEqual({ posts: [], cursor: { newestId: "2125559749800898577" }, more: false });
  });

  it("stops after its pages with more: true and finishes the answer on the next poll", async () => {
    const pages = xPagesPerPoll + 2;
    const server = await api({
      [`GET ${searchPath}`]: (req) => {
        const index = Number(req.query.get("next_token")?.replace("token-", "") ?? "0");
        const tweet = { ...page.data[2], id: String(2125550123873218577n - BigInt(index)) };
        const meta = { newest_id: tweet.id, oldest_id: tweet.id, result_count: 1 };
        const next = index + 1 < pages ? { next_token: `token-${index + 1}` } : {};
        return { body: { data: [tweet], includes: page.includes, meta: { ...meta, ...next } } };
      },
    });
    const since = { newestId: "2125543215854530577" };
    const first = await poll(server.origin, since);

    expect(first.posts).toHaveLength(xPagesPerPoll);
    expect(first.more).toBe(true);
    expect(first.cursor).toEqual({
      newestId: since.newestId,
      paging: {
        query,
        nextToken: `token-${xPagesPerPoll}`,
        sinceId: since.newestId,
        newestId: "2125550123873218577",
      },
    });

    const second = await poll(server.origin, first.cursor);
    expect(params(server.requests[xPagesPerPoll])).toMatchObject({
      since_id: since.newestId,
      next_token: `token-${xPagesPerPoll}`,
    });
    expect(second.posts).toHaveLength(pages - xPagesPerPoll);
    // Only now, with every page read, does the first page's newest id become the next since_id.
    expect(second).toMatchObject({ cursor: { newestId: "2125550123873218577" }, more: false });
  });

  it("does not read another page when the rate limit window is used up", async () => {
    const server = await api({
      [`GET ${searchPath}`]: () => ({ headers: { "x-rate-limit-remaining": "0" }, body: page }),
    });
    const result = await poll(server.origin, undefined);

    expect(server.requests).toHaveLength(1);
    expect(result.more).toBe(false);
    expect(result.cursor).toMatchObject({ paging: { nextToken: page.meta.next_token } });
  });

  it("drops a since_id older than the 7 days recent search covers", async () => {
    const server = await api({ [`GET ${searchPath}`]: () => ({ body: newer }) });
    // Posted 2026-11-16T08:00:00Z, nine days before the poll.
    await poll(server.origin, { newestId: "2122238238520258577" });

    expect(params(server.requests[0])).not.toHaveProperty("since_id");
  });

  it("builds the query from the tracked topics' words when none is set", async () => {
    const server = await api({ [`GET ${searchPath}`]: () => ({ body: empty }) });
    await poll(server.origin, undefined, { searchTerms: ["nordwind", "Nordwind Mobil"] }, "");

    expect(params(server.requests[0]).query).toBe('(nordwind OR "Nordwind Mobil") -is:retweet');
  });

  it("asks for settings when there is neither a query nor a topic word", async () => {
    const error = await poll("http://127.0.0.1:9", undefined, { searchTerms: [] }, "").catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: "config" });
  });

  it("sends the Bearer token in the Authorization header, never in the URL", async () => {
    const server = await api(twoPages);
    await poll(server.origin, undefined);

    for (const req of server.requests) {
      expect(req.headers.authorization).toBe(`Bearer ${token}`);
      expect([...req.query.values()].join(" ")).not.toContain(token);
    }
  });

  it("reports 401 as auth without the token in the message", async () => {
    const error = await pollRejection(() => ({
      status: 401,
      body: { ...unauthorized, detail: `Bearer ${token} was refused` },
    }));

    expect(error.kind).toBe("auth");
    expect(error.message).toContain("HTTP 401");
    expect(error.message).not.toContain(token);
  });

  it("reports 429 as rate_limited until x-rate-limit-reset", async () => {
    const reset = Math.floor(noonMs / 1000) + 540;
    const error = await pollRejection(() => ({
      status: 429,
      headers: {
        "x-rate-limit-limit": "60",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(reset),
      },
      body: tooManyRequests,
    }));

    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 540_000 });
  });

  it("falls back to Retry-After when a 429 has no reset header", async () => {
    const error = await pollRejection(() => ({
      status: 429,
      headers: { "retry-after": "90" },
      body: tooManyRequests,
    }));
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 90_000 });
  });

  it("reports a server error as transient", async () => {
    const error = await pollRejection(() => ({
      status: 503,
      body: { title: "Service Unavailable", status: 503 },
    }));
    expect(error.kind).toBe("transient");
  });

  it("reports a query X refuses as a setting to fix", async () => {
    const error = await pollRejection(() => ({ status: 400, body: invalidQuery }));
    expect(error.kind).toBe("config");
  });
});
