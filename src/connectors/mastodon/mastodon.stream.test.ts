// The live connection against a local fake instance: an HTTP server answering /api/v2/instance and the
// timelines (recorded payloads) and a `ws` WebSocketServer speaking the streaming protocol with frames
// shaped as docs.joinmastodon.org/methods/streaming#websocket shows them (fixtures/stream-events.jsonl).
// The StreamContext uses the real openOutboundWebSocket with a policy that allows 127.0.0.1.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { fakeConnectorContext } from "../../../test/fake-platform.ts";
import { openOutboundStream, openOutboundWebSocket } from "../../platform/net/outbound.stream.ts";
import { ConnectorError, type StreamBatch, type StreamContext } from "../connector.ts";
import instance from "./fixtures/instance.json" with { type: "json" };
import notifications from "./fixtures/notifications.json" with { type: "json" };
import tagTimeline from "./fixtures/tag-timeline.json" with { type: "json" };
import newer from "./fixtures/tag-timeline-newer.json" with { type: "json" };
import { mastodonConnector } from "./mastodon.connector.ts";
import { mapMastodonStatus } from "./mastodon.map.ts";
import type { MastodonConfig, MastodonSecrets } from "./mastodon.schema.ts";
import { type MastodonStreamOptions, mastodonStreamDefaults, runMastodonStream } from "./mastodon.stream.ts";

const frames = readFileSync(new URL("./fixtures/stream-events.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line !== "");
const token: MastodonSecrets = { accessToken: "tok-nordwind-read" };
const policy = { allow: ["127.0.0.1"] };

/** Polls until `check` holds; generous, so a loaded machine does not fail it. */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface FakeRequestSeen {
  path: string;
  query: URLSearchParams;
}

interface FakeInstanceOptions {
  /** Answers for GET paths; a missing one answers 404 with Mastodon's error entity. */
  routes?: Record<string, (query: URLSearchParams) => { status?: number; body: unknown }>;
  /** Refuses the WebSocket upgrade with this status (and headers). */
  refuse?: { status: number; headers?: Record<string, string> };
}

/** A fake Mastodon instance on 127.0.0.1: REST routes and the streaming endpoint on one port. */
async function startFakeInstance(options: FakeInstanceOptions = {}) {
  const requests: FakeRequestSeen[] = [];
  const sockets: WebSocket[] = [];
  const received: unknown[] = [];
  const upgrades: http.IncomingMessage[] = [];
  const closed: WebSocket[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    requests.push({ path: url.pathname, query: url.searchParams });
    const route = options.routes?.[url.pathname];
    const answer = route ? route(url.searchParams) : { status: 404, body: { error: "Record not found" } };
    res.writeHead(answer.status ?? 200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(answer.body));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    upgrades.push(req);
    if (options.refuse) {
      const headers = Object.entries(options.refuse.headers ?? {})
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("");
      const body = JSON.stringify({ error: "Error: Invalid access token" });
      socket.end(
        `HTTP/1.1 ${options.refuse.status} Refused\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n${headers}\r\n${body}`,
      );
      return;
    }
    if (new URL(req.url ?? "/", "http://fake").pathname !== "/api/v1/streaming") {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.on("message", (data) => received.push(JSON.parse(String(data))));
      ws.on("close", () => closed.push(ws));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const fake = {
    origin: `http://127.0.0.1:${port}`,
    wsOrigin: `ws://127.0.0.1:${port}`,
    requests,
    sockets,
    received,
    upgrades,
    closed,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(fake);
  return fake;
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Routes of an instance whose streaming API is served by `streaming` (its own origin when absent). */
function instanceRoutes(streaming: string | null, extra: FakeInstanceOptions["routes"] = {}) {
  return {
    "/api/v2/instance": () => ({
      body: { ...instance, configuration: { ...instance.configuration, urls: { streaming, status: null } } },
    }),
    "/api/v1/timelines/tag/nordwind": () => ({ body: [] }),
    "/api/v1/notifications": () => ({ body: [] }),
    ...extra,
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

function streamContext(
  emitted: StreamBatch[],
  overrides: Partial<StreamContext> = {},
  skipped: string[] = [],
) {
  const controller = new AbortController();
  const ctx: StreamContext = {
    ...fakeConnectorContext({ signal: controller.signal }),
    skipped: (reason) => {
      skipped.push(reason);
    },
    stored: async () => new Set(),
    emit: async (batch) => {
      emitted.push(batch);
    },
    openStream: (req, options) => openOutboundStream(req, { policy, ...options }),
    openWebSocket: (url, options) => openOutboundWebSocket(url, { policy, ...options }),
    ...overrides,
  };
  return { ctx, controller };
}

function run(
  cfg: MastodonConfig,
  ctx: StreamContext,
  options: Partial<MastodonStreamOptions> = {},
  cursor: unknown = undefined,
  secrets: MastodonSecrets = token,
) {
  return runMastodonStream(cfg, secrets, cursor, ctx, { ...mastodonStreamDefaults, ...options });
}

const host = "127.0.0.1";
const allPosts = (batches: StreamBatch[]) => batches.flatMap((batch) => batch.posts);

describe("mastodonConnector.stream", () => {
  it("is the connector's stream and only reads with a live setting that defaults to on", () => {
    expect(mastodonConnector.stream).toBeTypeOf("function");
    const parsed = mastodonConnector.config.parse({ instanceUrl: "https://social.example", hashtags: ["a"] });
    expect(parsed.live).toBe(true);
  });

  it("connects to the streaming host the instance names, with the token, and subscribes each hashtag and the mentions", async () => {
    const streaming = await startFakeInstance();
    const api = await startFakeInstance({ routes: instanceRoutes(streaming.wsOrigin) });
    const emitted: StreamBatch[] = [];
    const { ctx, controller } = streamContext(emitted);
    const done = run(
      config(api.origin, { hashtags: ["#Nordwind", "funkloch", "nordwind"], notifications: true }),
      ctx,
    );

    await until(() => streaming.received.length === 3, "three subscriptions");
    expect(streaming.received).toEqual([
      { type: "subscribe", stream: "hashtag", tag: "nordwind" },
      { type: "subscribe", stream: "hashtag", tag: "funkloch" },
      { type: "subscribe", stream: "user:notification" },
    ]);
    expect(streaming.upgrades[0]?.url).toBe("/api/v1/streaming");
    expect(streaming.upgrades[0]?.headers.authorization).toBe("Bearer tok-nordwind-read");
    expect(api.upgrades).toHaveLength(0);

    controller.abort();
    await expect(done).resolves.toBeUndefined();
    await until(() => streaming.closed.length === 1, "the socket to close");
  });

  it("streams from the instance itself when it names no streaming host", async () => {
    const api = await startFakeInstance({ routes: instanceRoutes(null) });
    const { ctx, controller } = streamContext([]);
    const done = run(config(api.origin), ctx);
    await until(() => api.received.length === 1, "the subscription");
    controller.abort();
    await done;
    expect(api.upgrades).toHaveLength(1);
  });

  it("maps updates like the poll, edits with editedAt, deletions, mentions; skips unreadable frames; resolves when the server closes", async () => {
    const api = await startFakeInstance({ routes: instanceRoutes(null) });
    const emitted: StreamBatch[] = [];
    const skipped: string[] = [];
    const { ctx } = streamContext(emitted, {}, skipped);
    const done = run(config(api.origin, { notifications: true }), ctx, { batchMs: 60_000 });
    await until(() => api.received.length === 2, "the subscriptions");
    const ws = api.sockets[0];
    for (const frame of frames) ws?.send(frame);
    ws?.close(1000);
    await expect(done).resolves.toBeUndefined();

    // Nothing was handed over before the server closed (the batch time is long): one batch.
    expect(emitted).toHaveLength(1);
    const [batch] = emitted;
    const edited = {
      ...tagTimeline[1],
      edited_at: "2026-11-25T12:03:41.552Z",
      content:
        '<p>Update: seit 11:40 wieder Netz in <a href="https://social.example/tags/nordwind" class="mention hashtag" rel="tag">#<span>nordwind</span></a> Gaarden. Danke an die Technik!</p>',
    };
    expect(batch?.posts).toEqual([
      mapMastodonStatus(newer[1], host),
      mapMastodonStatus(newer[0], host),
      mapMastodonStatus(edited, host),
      // The public mention; the direct one is dropped, as the poll drops it.
      mapMastodonStatus(notifications[1]?.status, host),
    ]);
    const editedPost = batch?.posts[2];
    expect(editedPost?.editedAt).toBe("2026-11-25T12:03:41.552Z");
    expect(editedPost?.text).toContain("seit 11:40 wieder Netz");
    expect(editedPost?.externalId).toBe(tagTimeline[1]?.id);
    // The favourite notification and filters_changed give nothing; the error answer and the cut frame are skipped.
    expect(batch?.deleted).toEqual([tagTimeline[2]?.id]);
    expect(skipped).toEqual(["error answer", "not JSON"]);
    // The stream's newest update moves the hashtag's cursor, the mention the notifications' cursor.
    expect(batch?.cursor).toEqual({
      tags: { nordwind: newer[0]?.id },
      search: {},
      // The newest mention notification read, the direct one included (as the poll's cursor would).
      notifications: notifications[0]?.id,
    });
  });

  it("reads what was written between the catch-up poll and the subscription, from the poll's cursor", async () => {
    const api = await startFakeInstance({
      routes: instanceRoutes(null, {
        "/api/v1/timelines/tag/nordwind": (query) => ({ body: query.get("min_id") ? newer : [] }),
      }),
    });
    const emitted: StreamBatch[] = [];
    const { ctx, controller } = streamContext(emitted);
    const cursor = { tags: { nordwind: tagTimeline[0]?.id }, search: {} };
    const done = run(config(api.origin), ctx, { batchMs: 20 }, cursor);
    await until(() => emitted.length === 1, "the gap's batch");
    controller.abort();
    await done;

    const gapRead = api.requests.find((r) => r.path === "/api/v1/timelines/tag/nordwind");
    expect(gapRead?.query.get("min_id")).toBe(tagTimeline[0]?.id);
    expect(emitted[0]?.posts).toEqual(newer.map((status) => mapMastodonStatus(status, host)));
    expect(emitted[0]?.cursor).toEqual({ tags: { nordwind: newer[0]?.id }, search: {} });
  });

  it("leaves a hashtag's cursor alone when its gap is longer than the poll reads at once", async () => {
    const page = (newest: bigint) =>
      Array.from({ length: 40 }, (_, i) => ({ ...tagTimeline[1], id: String(newest - BigInt(i)) }));
    const api = await startFakeInstance({
      routes: instanceRoutes(null, {
        "/api/v1/timelines/tag/nordwind": (query) => ({
          body: page(BigInt(query.get("min_id") ?? "117676000000000000") + 40n),
        }),
      }),
    });
    const emitted: StreamBatch[] = [];
    const { ctx } = streamContext(emitted);
    const cursor = { tags: { nordwind: "117676000000000000" }, search: {} };
    const done = run(config(api.origin), ctx, { batchMs: 60_000, batchMax: 1000 }, cursor);
    await until(() => api.received.length === 1, "the subscription");
    await until(() => api.requests.filter((r) => r.path.includes("/tag/")).length === 3, "three pages");
    api.sockets[0]?.send(frames[1] ?? "");
    api.sockets[0]?.close(1000);
    await done;
    expect(allPosts(emitted).map((post) => post.externalId)).toContain(newer[0]?.id);
    expect(emitted.every((batch) => batch.cursor === undefined)).toBe(true);
  });

  it("hands over a batch when it is full, and a partial one after the batch time", async () => {
    const api = await startFakeInstance({ routes: instanceRoutes(null) });
    const emitted: StreamBatch[] = [];
    const { ctx, controller } = streamContext(emitted);
    const done = run(config(api.origin), ctx, { batchMs: 50, batchMax: 2 });
    await until(() => api.received.length === 1, "the subscription");
    const ws = api.sockets[0];
    for (let i = 0; i < 5; i++) {
      const status = { ...newer[0], id: String(117676900000000000n + BigInt(i)) };
      ws?.send(
        JSON.stringify({ stream: ["hashtag", "nordwind"], event: "update", payload: JSON.stringify(status) }),
      );
    }
    await until(() => allPosts(emitted).length === 5, "five posts");
    expect(emitted.every((batch) => batch.posts.length <= 2)).toBe(true);
    expect(emitted.length).toBeGreaterThanOrEqual(3);
    expect(emitted.at(-1)?.cursor).toEqual({ tags: { nordwind: "117676900000000004" }, search: {} });
    controller.abort();
    await done;
  });

  it("answers a refused upgrade as the runner understands it: 401 auth, 429 with Retry-After, 503 transient", async () => {
    const cases = [
      { status: 401, kind: "auth", retry: undefined },
      { status: 429, headers: { "retry-after": "30" }, kind: "rate_limited", retry: 30_000 },
      { status: 503, kind: "transient", retry: undefined },
    ] as const;
    for (const c of cases) {
      const api = await startFakeInstance({
        routes: instanceRoutes(null),
        refuse: { status: c.status, ...("headers" in c && { headers: c.headers }) },
      });
      const { ctx } = streamContext([]);
      const error = await run(config(api.origin), ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).kind).toBe(c.kind);
      expect((error as ConnectorError).retryAfterMs).toBe(c.retry);
    }
  });

  it("hands over what arrived and throws transient when the connection breaks", async () => {
    const api = await startFakeInstance({ routes: instanceRoutes(null) });
    const emitted: StreamBatch[] = [];
    const { ctx } = streamContext(emitted);
    const done = run(config(api.origin), ctx, { batchMs: 60_000 });
    await until(() => api.received.length === 1, "the subscription");
    api.sockets[0]?.send(frames[0] ?? "");
    // What arrived before the break is still read (TCP keeps the order), then the break is reported.
    api.sockets[0]?.terminate();
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe("transient");
    expect(allPosts(emitted).map((post) => post.externalId)).toEqual([newer[1]?.id]);
  });

  it("throws transient when the server stays silent past the idle timeout", async () => {
    const api = await startFakeInstance({ routes: instanceRoutes(null) });
    const { ctx } = streamContext([], {
      openWebSocket: (url, options) => openOutboundWebSocket(url, { policy, ...options, idleTimeoutMs: 300 }),
    });
    const error = await run(config(api.origin), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe("transient");
    expect(api.received).toHaveLength(1);
  });

  it("throws the pipeline's error when an emit fails, and closes the socket", async () => {
    const api = await startFakeInstance({ routes: instanceRoutes(null) });
    const { ctx } = streamContext([], {
      emit: async () => {
        throw new Error("database gone");
      },
    });
    const done = run(config(api.origin), ctx, { batchMs: 10 });
    await until(() => api.received.length === 1, "the subscription");
    api.sockets[0]?.send(frames[0] ?? "");
    await expect(done).rejects.toThrow("database gone");
    await until(() => api.closed.length === 1, "the socket to close");
  });

  it("opens nothing without a token, with live off or with only searches: it waits and the runner polls", async () => {
    const api = await startFakeInstance({ routes: instanceRoutes(null) });
    for (const [cfg, secrets] of [
      [config(api.origin), {}],
      [config(api.origin, { live: false }), token],
      [config(api.origin, { hashtags: [], searchQueries: ["funkloch kiel"] }), token],
    ] as const) {
      const { ctx } = streamContext([]);
      await expect(run(cfg, ctx, { idleWaitMs: 10 }, undefined, secrets)).resolves.toBeUndefined();
    }
    expect(api.requests).toHaveLength(0);
    expect(api.upgrades).toHaveLength(0);
  });

  it("ends the connection after a while when searches are configured, so that they are polled", async () => {
    const api = await startFakeInstance({ routes: instanceRoutes(null) });
    const { ctx } = streamContext([]);
    const cfg = config(api.origin, { searchQueries: ["funkloch kiel"] });
    await expect(run(cfg, ctx, { searchRefreshMs: 300 })).resolves.toBeUndefined();
    expect(api.upgrades).toHaveLength(1);
    await until(() => api.closed.length === 1, "the socket to close");
  });
});
