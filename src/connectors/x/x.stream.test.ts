import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fakeConnectorContext } from "../../../test/fake-platform.ts";
import { openOutboundStream } from "../../platform/net/outbound.stream.ts";
import { ConnectorError, type StreamBatch, type StreamContext } from "../connector.ts";
import operationalDisconnect from "./fixtures/stream-operational-disconnect.json" with { type: "json" };
import rules from "./fixtures/stream-rules.json" with { type: "json" };
import rulesAdded from "./fixtures/stream-rules-added.json" with { type: "json" };
import rulesDeleted from "./fixtures/stream-rules-deleted.json" with { type: "json" };
import rulesDuplicate from "./fixtures/stream-rules-duplicate.json" with { type: "json" };
import rulesEmpty from "./fixtures/stream-rules-empty.json" with { type: "json" };
import rulesInvalid from "./fixtures/stream-rules-invalid.json" with { type: "json" };
import tooManyConnections from "./fixtures/stream-too-many-connections.json" with { type: "json" };
import { xPostFields } from "./x.client.ts";
import { xConnector } from "./x.connector.ts";
import { mapTweets } from "./x.map.ts";
import type { XConfig } from "./x.schema.ts";
import { streamX, type XStreamOptions, type XStreamStats } from "./x.stream.ts";

// The stream fixture: a German reply and an English post matching our rule, an ad matching only another
// tool's rule, and an edited post (second version) matching both.
const lines = readFileSync(new URL("./fixtures/stream-posts.ndjson", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line !== "");
const [reply, english, foreignOnly, edited] = lines as [string, string, string, string];
const token =
  "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F";
const query = '(nordwind OR "nordwind mobil") -is:retweet';
const ourRuleId = rulesAdded.data[0]?.id;
// fakeConnectorContext's clock: 2026-11-25T12:00:00Z.
const noonSeconds = Date.parse("2026-11-25T12:00:00Z") / 1000;
const rulesPath = "/2/tweets/search/stream/rules";
const streamPath = "/2/tweets/search/stream";

/** The posts a stream line maps to, as the poll's mapper reads a page. */
function mapped(line: string) {
  const { data, includes } = JSON.parse(line) as { data: unknown; includes: { users: unknown[] } };
  return mapTweets([data], includes.users);
}

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

type Answer = { status?: number; headers?: Record<string, string>; body: unknown };

interface XApi {
  /** GET …/rules; default: one rule of another tool. */
  rules?: () => Answer;
  /** POST …/rules with `add`; default: created as the fixture shows. */
  add?: () => Answer;
  /** GET …/stream: writes the answer as it likes. */
  stream: (res: http.ServerResponse, req: http.IncomingMessage) => Promise<void> | void;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A stand-in for api.x.com: the rules endpoints and the filtered stream, recording every request. */
async function startXApi(api: XApi) {
  const requests: Recorded[] = [];
  const closed: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://x");
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text === "" ? undefined : (JSON.parse(text) as unknown);
      requests.push({
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      });
      const route = `${req.method} ${url.pathname}`;
      if (route === `GET ${streamPath}`) {
        res.on("close", () => closed.push(route));
        await api.stream(res, req);
        return;
      }
      let answer: Answer = { status: 404, body: { title: "Not Found Error" } };
      if (route === `GET ${rulesPath}`) answer = api.rules?.() ?? { body: rules };
      else if (route === `POST ${rulesPath}`) {
        const change = body as { add?: { value: string; tag: string }[]; delete?: unknown };
        // Created (201) as the fixture shows, for the rule asked for.
        const created = (change.add ?? []).map((rule) => ({ ...rule, id: ourRuleId }));
        if (change.delete) answer = { body: rulesDeleted };
        else answer = api.add?.() ?? { status: 201, body: { ...rulesAdded, data: created } };
      }
      res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, closed };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stream answer that writes the pieces in order, pausing between them, then ends (or stays open). */
function ndjson(pieces: readonly (string | Buffer)[], options: { end?: boolean; pauseMs?: number } = {}) {
  return async (res: http.ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json" });
    for (const piece of pieces) {
      if (res.destroyed) return;
      res.write(piece);
      await sleep(options.pauseMs ?? 5);
    }
    if (options.end ?? true) res.end();
  };
}

/** A refused connection: a status, X's problem body and headers. */
function refuse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return (res: http.ServerResponse) => {
    res.writeHead(status, { "content-type": "application/problem+json", ...headers });
    res.end(JSON.stringify(body));
  };
}

/**
 * A stream context over the real SSRF-guarded openOutboundStream, allowing only 127.0.0.1 (the fake API),
 * that records every batch; `onBatch` runs after each one is recorded.
 */
function streamContext(overrides: { searchTerms?: string[]; onBatch?: (batch: StreamBatch) => void } = {}) {
  const controller = new AbortController();
  const batches: StreamBatch[] = [];
  const skipped: string[] = [];
  const policy = { allow: ["127.0.0.1"] };
  const ctx: StreamContext = {
    ...fakeConnectorContext({
      signal: controller.signal,
      ...(overrides.searchTerms ? { searchTerms: overrides.searchTerms } : {}),
    }),
    emit: async (batch) => {
      batches.push(batch);
      overrides.onBatch?.(batch);
    },
    openStream: (req, options) => openOutboundStream(req, { policy, ...options }),
    openWebSocket: () => Promise.reject(new Error("the X stream opens no WebSocket")),
    skipped: (reason, count = 1) => {
      for (let i = 0; i < count; i++) skipped.push(reason);
    },
    stored: async () => new Set(),
  };
  return { ctx, batches, skipped, controller, posts: () => batches.flatMap((batch) => batch.posts) };
}

function config(origin: string, overrides: Partial<XConfig> = {}): XConfig {
  return { query, live: true, apiBase: origin, ...overrides };
}

function run(
  origin: string,
  ctx: StreamContext,
  options: XStreamOptions = {},
  cursor: unknown = { newestId: "2125545027793846273" },
  overrides: Partial<XConfig> = {},
) {
  return streamX(config(origin, overrides), { bearerToken: token }, cursor, ctx, options);
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const newStats = (): XStreamStats => ({ posts: 0, keepAlives: 0, skipped: 0, foreign: 0 });

describe("streamX rules", () => {
  it("deletes only Brandwache's stale rule, adds the query as its rule, and leaves other tools' rules", async () => {
    const api = await startXApi({ stream: ndjson([]) });
    const { ctx } = streamContext();
    await xConnector.stream?.(config(api.origin), { bearerToken: token }, undefined, ctx);

    const [list, remove, add, connect] = api.requests;
    expect(list).toMatchObject({ method: "GET", path: rulesPath, query: { max_results: "1000" } });
    // The stale rule is the one tagged `brandwache:`; the untagged and foreign-tagged rules stay.
    expect(remove).toMatchObject({
      method: "POST",
      path: rulesPath,
      body: { delete: { ids: ["2125265687147446281"] } },
    });
    expect(add).toMatchObject({
      method: "POST",
      path: rulesPath,
      body: { add: [{ value: query, tag: "brandwache:query" }] },
    });
    expect(connect).toMatchObject({ method: "GET", path: streamPath, query: xPostFields });
    expect(api.requests).toHaveLength(4);
    for (const req of api.requests) {
      expect(req.headers.authorization).toBe(`Bearer ${token}`);
      expect(Object.values(req.query).join(" ")).not.toContain(token);
    }
  });

  it("changes no rule when the query is already there", async () => {
    const api = await startXApi({
      rules: () => ({
        body: { ...rules, data: [rules.data[0], { id: ourRuleId, value: query, tag: "brandwache:query" }] },
      }),
      stream: ndjson([]),
    });
    await run(api.origin, streamContext().ctx);

    expect(api.requests.map((req) => `${req.method} ${req.path}`)).toEqual([
      `GET ${rulesPath}`,
      `GET ${streamPath}`,
    ]);
  });

  it("builds the rule from the tracked topics' words when no query is set, as the poll does", async () => {
    const api = await startXApi({ rules: () => ({ body: rulesEmpty }), stream: ndjson([]) });
    await run(api.origin, streamContext({ searchTerms: ["nordwind", "Nordwind Mobil"] }).ctx, {}, undefined, {
      query: "",
    });

    expect(api.requests[1]?.body).toEqual({
      add: [{ value: '(nordwind OR "Nordwind Mobil") -is:retweet', tag: "brandwache:query" }],
    });
  });

  it("refuses a query longer than a rule may be, naming it, before touching the rules", async () => {
    const api = await startXApi({ stream: ndjson([]) });
    const words = Array.from({ length: 60 }, (_, i) => `stoerung${i}`);
    const error = await rejection(
      run(api.origin, streamContext({ searchTerms: words }).ctx, {}, undefined, { query: "" }),
    );

    expect(error.kind).toBe("config");
    expect(error.message).toContain("(stoerung0 OR stoerung1");
    expect(error.message).toContain("at most 512");
    expect(api.requests).toEqual([]);
  });

  it("asks for other settings when X refuses the rule, and does not connect", async () => {
    const api = await startXApi({
      rules: () => ({ body: rulesEmpty }),
      add: () => ({ body: rulesInvalid }),
      stream: ndjson([]),
    });
    const error = await rejection(
      run(api.origin, streamContext().ctx, {}, undefined, { query: "-nordwind" }),
    );

    expect(error.kind).toBe("config");
    expect(error.message).toContain('"-nordwind"');
    expect(error.message).toContain("Rules must contain a non-negation term");
    expect(api.requests.some((req) => req.path === streamPath)).toBe(false);
  });

  it("takes the posts of an identical rule X reports as a duplicate", async () => {
    const duplicateId = rulesDuplicate.errors[0]?.id ?? "";
    const line = JSON.parse(reply) as Record<string, unknown>;
    const api = await startXApi({
      rules: () => ({ body: rulesEmpty }),
      add: () => ({ body: rulesDuplicate }),
      stream: ndjson([
        `${JSON.stringify({ ...line, matching_rules: [{ id: duplicateId, tag: "nordwind" }] })}\r\n`,
      ]),
    });
    const { ctx, posts } = streamContext();
    await run(api.origin, ctx);

    expect(posts().map((post) => post.externalId)).toEqual(["2125560429278134849"]);
  });

  it("reports refused credentials at the rules endpoint as auth", async () => {
    const api = await startXApi({
      rules: () => ({
        status: 401,
        body: { title: "Unauthorized", type: "about:blank", status: 401, detail: `Bearer ${token}` },
      }),
      stream: ndjson([]),
    });
    const error = await rejection(run(api.origin, streamContext().ctx));

    expect(error.kind).toBe("auth");
    expect(error.message).not.toContain(token);
  });
});

describe("streamX", () => {
  it("maps posts with their authors as the poll does, skips other tools' posts, and moves the cursor", async () => {
    const api = await startXApi({
      stream: ndjson([`${reply}\r\n`, "\r\n", `${english}\r\n${foreignOnly}\r\n`, `${edited}\r\n`]),
    });
    const { ctx, batches, posts } = streamContext();
    const stats = newStats();
    await run(api.origin, ctx, { stats });

    expect(posts()).toEqual([...mapped(reply), ...mapped(english), ...mapped(edited)]);
    expect(posts()[0]).toMatchObject({
      platform: "x",
      externalId: "2125560429278134849",
      author: { handle: "kiel_kathi", displayName: "Kathi aus Kiel", followers: 412 },
      url: "https://x.com/kiel_kathi/status/2125560429278134849",
      lang: "de",
      inReplyTo: "2125555375141826577",
    });
    expect(stats).toEqual({ posts: 3, keepAlives: 1, skipped: 0, foreign: 1 });
    // The newest version seen (the edit's own id), so the catch-up poll starts after it.
    expect(batches.at(-1)?.cursor).toEqual({ newestId: "2125562580956088321" });
  });

  it("hands an edited post over as an edit of the first version", async () => {
    const api = await startXApi({ stream: ndjson([`${edited}\r\n`]) });
    const { ctx, posts } = streamContext();
    await run(api.origin, ctx);

    expect(posts()).toEqual([
      expect.objectContaining({
        externalId: "2125560924206010369",
        postedAt: "2026-11-25T12:03:10.000Z",
        editedAt: "2026-11-25T12:09:45.000Z",
        text: expect.stringContaining("Korrektur: auch Eckernförde betroffen."),
        url: "https://x.com/funkloch_kiel/status/2125562580956088321",
      }),
    ]);
  });

  it("reads lines cut anywhere across chunks, inside UTF-8 characters too, between keep-alives", async () => {
    const bytes = Buffer.from(`\r\n${reply}\r\n\r\n${english}\r\n\r\n${edited}\r\n`, "utf8");
    // Cut every 37 bytes: inside JSON, inside "😤", "ö" and "ü", and between `\r` and `\n`.
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 37) pieces.push(bytes.subarray(at, at + 37));
    const api = await startXApi({ stream: ndjson(pieces, { pauseMs: 1 }) });
    const { ctx, posts } = streamContext();
    const stats = newStats();
    await run(api.origin, ctx, { stats });

    expect(posts()).toEqual([...mapped(reply), ...mapped(english), ...mapped(edited)]);
    expect(stats).toMatchObject({ keepAlives: 3, skipped: 0 });
  });

  it("skips and counts malformed lines and reads on", async () => {
    const broken = JSON.parse(english) as { data: Record<string, unknown> };
    const api = await startXApi({
      stream: ndjson([
        '{"data":{"id":"2125560429278134849","text":"cut off\r\n',
        `${JSON.stringify({ ...broken, data: { ...broken.data, created_at: "25.11.2026" } })}\r\n`,
        `${JSON.stringify({ ...broken, includes: { users: [] } })}\r\n`,
        "[1,2,3]\r\n",
        `${reply}\r\n`,
      ]),
    });
    const { ctx, posts, skipped } = streamContext();
    const stats = newStats();
    await run(api.origin, ctx, { stats });

    expect(posts().map((post) => post.externalId)).toEqual(["2125560429278134849"]);
    // Not JSON, a post with a bad date, a post without its author, not an object.
    expect(stats).toMatchObject({ posts: 1, skipped: 4 });
    expect(skipped).toEqual(Array(4).fill("unusable line"));
  });

  it("hands posts over in batches of at most 100", async () => {
    const line = JSON.parse(english) as { data: Record<string, unknown> };
    const many = Array.from({ length: 230 }, (_, i) => {
      const id = String(2125560546718647473n + BigInt(i));
      return `${JSON.stringify({ ...line, data: { ...line.data, id, edit_history_tweet_ids: [id] } })}\r\n`;
    });
    const api = await startXApi({ stream: ndjson([many.join("")]) });
    const { ctx, batches, posts } = streamContext();
    await run(api.origin, ctx);

    expect(posts()).toHaveLength(230);
    expect(batches.every((batch) => batch.posts.length <= 100)).toBe(true);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.at(-1)?.cursor).toEqual({ newestId: String(2125560546718647473n + 229n) });
  });

  it("hands a post over while the connection stays open, and resolves when the signal aborts", async () => {
    const api = await startXApi({ stream: ndjson([`${reply}\r\n`, "\r\n"], { end: false }) });
    let controller: AbortController | undefined;
    const context = streamContext({ onBatch: () => controller?.abort() });
    controller = context.controller;
    await run(api.origin, context.ctx);

    expect(context.posts().map((post) => post.externalId)).toEqual(["2125560429278134849"]);
    await expect.poll(() => api.closed, { timeout: 15_000 }).toEqual([`GET ${streamPath}`]);
  });

  it("ends with a transient error on X's operational-disconnect, after handing over what came before", async () => {
    const api = await startXApi({
      stream: ndjson([`${reply}\r\n`, `${JSON.stringify(operationalDisconnect)}\r\n`, `${english}\r\n`], {
        end: false,
      }),
    });
    const { ctx, posts } = streamContext();
    const error = await rejection(run(api.origin, ctx));

    expect(error.kind).toBe("transient");
    expect(error.message).toContain("operational-disconnect");
    expect(posts().map((post) => post.externalId)).toEqual(["2125560429278134849"]);
  });

  it("gives a silent connection up after the idle timeout as transient", async () => {
    const api = await startXApi({ stream: ndjson([`${reply}\r\n`, "\r\n"], { end: false }) });
    const { ctx, posts } = streamContext();
    const error = await rejection(run(api.origin, ctx, { idleTimeoutMs: 1000 }));

    expect(error.kind).toBe("transient");
    expect(posts().map((post) => post.externalId)).toEqual(["2125560429278134849"]);
  });

  it("keeps the poll's paging in the cursor it moves on", async () => {
    const api = await startXApi({ stream: ndjson([`${reply}\r\n`]) });
    const { ctx, batches } = streamContext();
    const paging = { query, nextToken: "b26v89c19zqg8o3fpdv3lmpnfzf4j", newestId: "2125545027793846273" };
    await run(api.origin, ctx, {}, { newestId: "2125545027793846273", paging });

    expect(batches.at(-1)?.cursor).toEqual({ newestId: "2125560429278134849", paging });
  });

  it("opens nothing when the signal aborted before it started", async () => {
    const api = await startXApi({ stream: ndjson([]) });
    const { ctx, controller } = streamContext();
    controller.abort();
    await run(api.origin, ctx);
    expect(api.requests).toEqual([]);
  });

  it("opens nothing when live is off", async () => {
    const api = await startXApi({ stream: ndjson([]) });
    await run(api.origin, streamContext().ctx, {}, undefined, { live: false });
    expect(api.requests).toEqual([]);
  });
});

describe("streamX connect errors", () => {
  it("waits until x-rate-limit-reset after HTTP 429", async () => {
    const api = await startXApi({
      stream: refuse(
        429,
        { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
        {
          "x-rate-limit-limit": "50",
          "x-rate-limit-remaining": "0",
          "x-rate-limit-reset": String(noonSeconds + 840),
        },
      ),
    });
    const error = await rejection(run(api.origin, streamContext().ctx));
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 840_000 });
  });

  it("waits a minute on TooManyConnections without a reset header, as X advises", async () => {
    const api = await startXApi({ stream: refuse(429, tooManyConnections) });
    const error = await rejection(run(api.origin, streamContext().ctx));

    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 60_000 });
    expect(error.message).toContain("HTTP 429");
  });

  it("reports refused credentials as auth without the token", async () => {
    const api = await startXApi({
      stream: refuse(401, {
        title: "Unauthorized",
        type: "about:blank",
        status: 401,
        detail: `Unauthorized: ${token}`,
      }),
    });
    const error = await rejection(run(api.origin, streamContext().ctx));

    expect(error.kind).toBe("auth");
    expect(error.message).toContain("HTTP 401");
    expect(error.message).not.toContain(token);
  });

  it("reports a server error as transient", async () => {
    const api = await startXApi({ stream: refuse(503, { title: "Service Unavailable", status: 503 }) });
    const error = await rejection(run(api.origin, streamContext().ctx));
    expect(error.kind).toBe("transient");
  });

  it("reports a connection dropped mid-line as transient", async () => {
    const api = await startXApi({
      stream: async (res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write(`${reply}\r\n${english.slice(0, 40)}`);
        await sleep(20);
        res.socket?.destroy();
      },
    });
    const { ctx, posts } = streamContext();
    const error = await rejection(run(api.origin, ctx));

    expect(error.kind).toBe("transient");
    expect(posts().map((post) => post.externalId)).toEqual(["2125560429278134849"]);
  });
});
