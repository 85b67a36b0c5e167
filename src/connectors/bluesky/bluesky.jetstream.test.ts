import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { type FakeRoutes, fakeConnectorContext, startFakePlatform } from "../../../test/fake-platform.ts";
import { openOutboundWebSocket } from "../../platform/net/outbound.stream.ts";
import { ConnectorError, type PostInput, type StreamBatch, type StreamContext } from "../connector.ts";
import { blueskyConnector } from "./bluesky.connector.ts";
import { type JetstreamStats, streamJetstream, subscribeUrl, topicMatcher } from "./bluesky.jetstream.ts";
import { profileLookup } from "./bluesky.profiles.ts";
import type { BlueskyConfig } from "./bluesky.schema.ts";
import profiles from "./fixtures/get-profiles.json" with { type: "json" };

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean);
const postEvents = fixture("jetstream-posts.jsonl");
const editEvents = fixture("jetstream-edits.jsonl");
const profilesRoute = "GET /xrpc/app.bsky.actor.getProfiles";

const mia = "did:plc:454ml6lg4tjfcz4kaedcmpb5";
const sam = "did:plc:r2vlk7lm2x3rcmwvjtjdcbkc";
const ottensen = `at://${mia}/app.bsky.feed.post/3n357q2hsk22a`;
const altonaReply = `at://${sam}/app.bsky.feed.post/3n357q39xvc2c`;
/** A post of the search fixtures, delivered by the catch-up poll and deleted in jetstream-edits.jsonl. */
const hamburg = `at://${mia}/app.bsky.feed.post/3n353atu5u2fo`;
const timeUs = (line: string | undefined) => (JSON.parse(line ?? "{}") as { time_us: number }).time_us;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** How a fake Jetstream treats one connection. */
interface Session {
  /** Frames sent right after the upgrade, in order. */
  send: readonly string[];
  /** After sending: close, keep the connection open, or drop it without a close frame. */
  end: "close" | "stay" | "drop";
}

/** A local Jetstream: replays recorded events per connection, or refuses the upgrade with a status. */
async function fakeJetstream(
  session: Session,
  refuse?: { status: number; headers?: Record<string, string> },
) {
  const urls: URL[] = [];
  let closedByClient = false;
  const server = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    verifyClient: (_info, done) => {
      if (refuse) done(false, refuse.status, "refused", refuse.headers);
      else done(true);
    },
  });
  server.on("connection", (socket, req) => {
    urls.push(new URL(req.url ?? "/", "ws://jetstream"));
    socket.on("close", () => {
      closedByClient = true;
    });
    for (const frame of session.send) socket.send(frame);
    if (session.end === "close") socket.close(1000);
    if (session.end === "drop") setTimeout(() => socket.terminate(), 50);
  });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  );
  return { url: `ws://127.0.0.1:${port}/subscribe`, urls, closed: () => closedByClient };
}

async function appView(routes: FakeRoutes) {
  const server = await startFakePlatform(routes);
  closers.push(server.close);
  return server;
}

/** Opens WebSockets through the SSRF guard with a policy that lets them reach the fake Jetstream on 127.0.0.1. */
const openTestWebSocket: StreamContext["openWebSocket"] = (url, options) =>
  openOutboundWebSocket(url, { ...options, policy: { allow: ["127.0.0.1"] } });

function config(
  jetstreamUrl: string,
  serviceUrl: string,
  overrides: Partial<BlueskyConfig> = {},
): BlueskyConfig {
  return { serviceUrl, pdsUrl: serviceUrl, queries: ["nordwind"], live: true, jetstreamUrl, ...overrides };
}

/** A stream context whose requests and WebSockets may reach 127.0.0.1; every batch is recorded. */
function streamContext(overrides: Partial<StreamContext> = {}) {
  const batches: StreamBatch[] = [];
  const skipped: string[] = [];
  const controller = new AbortController();
  const ctx: StreamContext = {
    ...fakeConnectorContext({ signal: controller.signal, searchTerms: ['"nordwind mobil"', "störung"] }),
    emit: async (batch) => {
      batches.push(structuredClone(batch));
    },
    openStream: () => Promise.reject(new Error("Jetstream needs no HTTP stream")),
    openWebSocket: openTestWebSocket,
    skipped: (reason) => {
      skipped.push(reason);
    },
    stored: async () => new Set(),
    ...overrides,
  };
  return { ctx, batches, skipped, abort: () => controller.abort() };
}

/** The last version of each post handed over, and every deletion, across all batches. */
function delivered(batches: readonly StreamBatch[]) {
  const posts = new Map<string, PostInput>();
  for (const batch of batches) for (const post of batch.posts) posts.set(post.externalId, post);
  return { posts, deleted: batches.flatMap((batch) => batch.deleted ?? []) };
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const stats = (): JetstreamStats => ({ events: 0, matched: 0, skipped: 0 });

describe("streamJetstream", () => {
  it("hands over the posts naming a topic with the authors' handles and ignores the rest", async () => {
    const jetstream = await fakeJetstream({ send: postEvents, end: "close" });
    const appview = await appView({ [profilesRoute]: () => ({ body: profiles }) });
    const { ctx, batches } = streamContext();
    const counted = stats();
    await streamJetstream(config(jetstream.url, appview.origin), undefined, ctx, { stats: counted });

    const { posts, deleted } = delivered(batches);
    expect([...posts.keys()]).toEqual([ottensen, altonaReply]);
    expect(posts.get(ottensen)).toMatchObject({
      platform: "bluesky",
      text: "Nordwind-Störung jetzt auch in Ottensen. Seit 40 Minuten kein Netz 😤 #nordwind",
      postedAt: "2026-11-25T11:59:50.201Z",
      author: {
        handle: "mia-hh.bsky.social",
        displayName: "Mia 🐟 Hamburg",
        createdAt: "2023-09-02T18:21:44.107Z",
      },
      url: "https://bsky.app/profile/mia-hh.bsky.social/post/3n357q2hsk22a",
      lang: "de",
      raw: { uri: ottensen, cid: "bafyreihbxfzv5q2wbcwmd3frkdnzmmszwulrgjgy5fglzgivvgmtfwaxde" },
    });
    expect(posts.get(ottensen)).not.toHaveProperty("editedAt");
    // The AppView answers handle.invalid for Sam: the DID stands in, as search does.
    expect(posts.get(altonaReply)).toMatchObject({
      author: { handle: sam, displayName: "Sam" },
      url: `https://bsky.app/profile/${sam}/post/3n357q39xvc2c`,
      lang: "en",
      inReplyTo: ottensen,
    });
    expect(deleted).toEqual([]);
    const actors = appview.requests.flatMap((req) => req.query.getAll("actors"));
    expect(actors.sort()).toEqual([mia, sam]);
    expect(batches.at(-1)?.cursor).toEqual({ queries: {}, jetstreamTimeUs: timeUs(postEvents.at(-1)) });
    expect(counted).toEqual({ events: 7, matched: 2, skipped: 0 });
  });

  it("passes on an edit with its time and the deletion of a post the catch-up poll delivered, not of others", async () => {
    const jetstream = await fakeJetstream({ send: editEvents, end: "close" });
    const appview = await appView({ [profilesRoute]: () => ({ body: profiles }) });
    const { ctx, batches } = streamContext();
    const cursor = {
      queries: {
        nordwind: { since: "2026-11-25T11:41:09.512Z", seen: { [hamburg]: "2026-11-25T11:41:09.512Z" } },
      },
    };
    await streamJetstream(config(jetstream.url, appview.origin), cursor, ctx);

    const { posts, deleted } = delivered(batches);
    expect(posts.get(ottensen)).toMatchObject({
      text: "Nordwind-Störung jetzt auch in Ottensen und Bahrenfeld. Seit 40 Minuten kein Netz 😤 #nordwind",
      editedAt: "2026-11-25T12:00:02.716Z",
      raw: { cid: "bafyreib3x7hfs6nmtowcqiaqaikj4wmyycnn2dlrrgb7e4q4pqsv2dt3ru" },
    });
    expect(deleted).toEqual([hamburg]);
    // The search state stays in the cursor beside the stream's position.
    expect(batches.at(-1)?.cursor).toEqual({ ...cursor, jetstreamTimeUs: timeUs(editEvents.at(-1)) });
  });

  it("passes on the deletion of a post it handed over itself", async () => {
    const [create] = editEvents;
    const remove = JSON.stringify({
      did: mia,
      time_us: 1795608004000000,
      kind: "commit",
      commit: {
        rev: "3n357q7zzzz2s",
        operation: "delete",
        collection: "app.bsky.feed.post",
        rkey: "3n357q2hsk22a",
      },
    });
    const jetstream = await fakeJetstream({ send: [create ?? "", remove], end: "close" });
    const appview = await appView({ [profilesRoute]: () => ({ body: profiles }) });
    const { ctx, batches } = streamContext();
    await streamJetstream(config(jetstream.url, appview.origin), undefined, ctx);

    expect(delivered(batches).deleted).toEqual([ottensen]);
  });

  it("asks the database about deletions and edits of posts it did not deliver, and passes on those stored", async () => {
    const [create] = editEvents;
    const event = JSON.parse(create ?? "{}");
    const commit = (did: string, rkey: string, operation: string, time: number, record?: unknown) =>
      JSON.stringify({
        did,
        time_us: time,
        kind: "commit",
        commit: {
          rev: "3n357q7zzzz2s",
          operation,
          collection: "app.bsky.feed.post",
          rkey,
          ...(record ? { record, cid: "bafyreiedited" } : {}),
        },
      });
    const strangerPost = `at://${sam}/app.bsky.feed.post/3n357qstranger`;
    const send = [
      // Stored by an earlier connection: its deletion and an edit that no longer names the topic.
      commit(sam, "3n357q39xvc2c", "delete", 1795608004000000),
      commit(mia, "3n357q2hsk22a", "update", 1795608005000000, {
        ...event.commit.record,
        text: "Alles wieder gut, danke für die schnelle Hilfe.",
      }),
      // Never stored: nothing is passed on.
      commit(sam, "3n357qstranger", "delete", 1795608006000000),
    ];
    const jetstream = await fakeJetstream({ send, end: "close" });
    const appview = await appView({ [profilesRoute]: () => ({ body: profiles }) });
    const asked: string[][] = [];
    const { ctx, batches } = streamContext({
      stored: async (ids) => {
        asked.push([...ids]);
        return new Set(ids.filter((id) => id === altonaReply || id === ottensen));
      },
    });
    await streamJetstream(config(jetstream.url, appview.origin), undefined, ctx);

    const { posts, deleted } = delivered(batches);
    expect(deleted).toEqual([altonaReply]);
    expect([...posts.keys()]).toEqual([ottensen]);
    expect(posts.get(ottensen)).toMatchObject({ text: "Alles wieder gut, danke für die schnelle Hilfe." });
    expect(posts.get(ottensen)?.editedAt).toBeDefined();
    expect(asked.flat().sort()).toEqual([altonaReply, ottensen, strangerPost].sort());
  });

  it("hands a full batch over at once and keeps the events in order", async () => {
    const jetstream = await fakeJetstream({ send: postEvents, end: "close" });
    const appview = await appView({ [profilesRoute]: () => ({ body: profiles }) });
    const { ctx, batches } = streamContext();
    await streamJetstream(config(jetstream.url, appview.origin), undefined, ctx, { maxBatch: 1 });

    const withPosts = batches.filter((batch) => batch.posts.length > 0);
    expect(withPosts.map((batch) => batch.posts.map((post) => post.externalId))).toEqual([
      [ottensen],
      [altonaReply],
    ]);
    // Each batch's cursor is the event of its last post, or a later one.
    const positions = batches.map((batch) => (batch.cursor as { jetstreamTimeUs: number }).jetstreamTimeUs);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions[0]).toBeGreaterThanOrEqual(timeUs(postEvents[1]));
  });

  it("skips and counts frames that are not Jetstream events and goes on", async () => {
    const [, ottensenCreate] = postEvents;
    const noText = JSON.stringify({
      did: mia,
      time_us: 1795607990200000,
      kind: "commit",
      commit: {
        rev: "3n357q2aaaa2s",
        operation: "create",
        collection: "app.bsky.feed.post",
        rkey: "3n357q2aaaa2a",
        record: { $type: "app.bsky.feed.post", createdAt: "2026-11-25T11:59:50.100Z" },
        cid: "bafyreiaaaa",
      },
    });
    const undated = JSON.stringify({ ...JSON.parse(ottensenCreate ?? "{}"), time_us: undefined });
    const broken = [
      "not json",
      '{"did":"did:plc:x","time_us":',
      "[1,2,3]",
      '{"time_us":"soon","kind":"commit"}',
      noText,
      undated,
    ];
    const jetstream = await fakeJetstream({ send: [...broken, ottensenCreate ?? ""], end: "close" });
    const appview = await appView({ [profilesRoute]: () => ({ body: profiles }) });
    const { ctx, batches, skipped } = streamContext();
    const counted = stats();
    await streamJetstream(config(jetstream.url, appview.origin), undefined, ctx, { stats: counted });

    expect([...delivered(batches).posts.keys()]).toEqual([ottensen]);
    expect(counted).toEqual({ events: 7, matched: 1, skipped: 6 });
    // Four unreadable messages, a post without text, a commit without its time.
    expect(skipped.sort()).toEqual(["invalid post record", ...Array(5).fill("unreadable event")]);
  });

  it("asks for posts only, live at first and a few seconds before the stored position on resume", async () => {
    const jetstream = await fakeJetstream({ send: [], end: "close" });
    const appview = await appView({});
    const { ctx } = streamContext();
    await streamJetstream(config(jetstream.url, appview.origin), undefined, ctx);
    await streamJetstream(
      config(jetstream.url, appview.origin),
      { queries: {}, jetstreamTimeUs: 1795607990305212 },
      ctx,
    );

    const [fresh, resumed] = jetstream.urls;
    expect(fresh?.pathname).toBe("/subscribe");
    expect(Object.fromEntries(fresh?.searchParams ?? [])).toEqual({
      wantedCollections: "app.bsky.feed.post",
    });
    expect(Object.fromEntries(resumed?.searchParams ?? [])).toEqual({
      wantedCollections: "app.bsky.feed.post",
      cursor: "1795607985305212",
    });
  });

  it("replays at most half an hour when the stored position is older", () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const dayOld = Date.parse("2026-11-24T12:00:00Z") * 1000;
    const url = new URL(subscribeUrl("wss://jetstream2.us-east.bsky.network/subscribe", dayOld, now));
    expect(url.searchParams.get("cursor")).toBe(String(Date.parse("2026-11-25T11:30:00Z") * 1000));
  });

  it("drops settings of a typed URL the connection cannot work with", () => {
    const typed = "wss://jetstream1.us-west.bsky.network/subscribe?compress=true&requireHello=true";
    const url = new URL(subscribeUrl(typed, undefined, new Date("2026-11-25T12:00:00Z")));
    expect(Object.fromEntries(url.searchParams)).toEqual({ wantedCollections: "app.bsky.feed.post" });
  });

  it("stores the moved position every few seconds when nothing matches, and closes when aborted", async () => {
    const quiet = [postEvents[0], postEvents[2], postEvents[3]].map(String);
    const jetstream = await fakeJetstream({ send: quiet, end: "stay" });
    const appview = await appView({});
    const { ctx, batches, abort } = streamContext();
    const running = streamJetstream(config(jetstream.url, appview.origin), undefined, ctx, {
      flushMs: 20,
      cursorEveryMs: 200,
    });

    await until(() => batches.length > 0);
    expect(batches[0]).toEqual({ posts: [], cursor: { queries: {}, jetstreamTimeUs: timeUs(quiet.at(-1)) } });
    abort();
    await running;
    await until(() => jetstream.closed());
    expect(appview.requests).toHaveLength(0);
  });

  it("uses the DID as the handle when getProfiles fails, without losing the post", async () => {
    const jetstream = await fakeJetstream({ send: postEvents.slice(0, 2), end: "close" });
    const appview = await appView({
      [profilesRoute]: () => ({ status: 502, body: { error: "UpstreamFailure" } }),
    });
    const { ctx, batches } = streamContext();
    await streamJetstream(config(jetstream.url, appview.origin), undefined, ctx);

    expect(delivered(batches).posts.get(ottensen)).toMatchObject({
      author: { handle: mia },
      url: `https://bsky.app/profile/${mia}/post/3n357q2hsk22a`,
    });
  });

  it("hands over what arrived and ends with a transient error when the connection breaks", async () => {
    const jetstream = await fakeJetstream({ send: postEvents.slice(0, 2), end: "drop" });
    const appview = await appView({ [profilesRoute]: () => ({ body: profiles }) });
    const { ctx, batches } = streamContext();
    const error = await streamJetstream(config(jetstream.url, appview.origin), undefined, ctx).catch(
      (err: unknown) => err,
    );

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: "transient" });
    expect([...delivered(batches).posts.keys()]).toEqual([ottensen]);
  });

  it("gives a silent connection up as broken after the idle timeout", async () => {
    const jetstream = await fakeJetstream({ send: [postEvents[0] ?? ""], end: "stay" });
    const { ctx } = streamContext();
    const error = await streamJetstream(config(jetstream.url, "http://127.0.0.1:9"), undefined, ctx, {
      idleTimeoutMs: 300,
    }).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: "transient" });
  });

  it.each([
    [429, { "Retry-After": "30" }, "rate_limited", 30_000],
    [401, {}, "auth", undefined],
    [403, {}, "auth", undefined],
    [503, {}, "transient", undefined],
    [400, {}, "config", undefined],
  ])(
    "turns a refused upgrade (HTTP %i, headers %o) into a %s error",
    async (status, headers, kind, retryAfterMs) => {
      const jetstream = await fakeJetstream({ send: [], end: "close" }, { status, headers });
      const { ctx, batches } = streamContext();
      const error = await streamJetstream(config(jetstream.url, "http://127.0.0.1:9"), undefined, ctx).catch(
        (err: unknown) => err,
      );

      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ kind, retryAfterMs });
      expect(batches).toEqual([]);
    },
  );

  it("reports an unreachable Jetstream as transient", async () => {
    const { ctx } = streamContext();
    const error = await streamJetstream(
      config("ws://127.0.0.1:9/subscribe", "http://127.0.0.1:9"),
      undefined,
      ctx,
    ).catch((err: unknown) => err);
    expect(error).toMatchObject({ kind: "transient" });
  });
});

describe("blueskyConnector with a live connection", () => {
  it("does not connect when live is off", async () => {
    let opened = 0;
    const { ctx } = streamContext({
      openWebSocket: (url, options) => {
        opened++;
        return openTestWebSocket(url, options);
      },
    });
    await blueskyConnector.stream?.(
      config("ws://127.0.0.1:9/subscribe", "http://127.0.0.1:9", { live: false }),
      {},
      undefined,
      ctx,
    );
    expect(opened).toBe(0);
  });

  it("keeps the stream's position through a poll", async () => {
    const appview = await appView({ "GET /xrpc/app.bsky.feed.searchPosts": () => ({ body: { posts: [] } }) });
    const cfg = config("ws://127.0.0.1:9/subscribe", appview.origin);
    const result = await blueskyConnector.poll(
      cfg,
      {},
      { queries: {}, jetstreamTimeUs: 1795607990305212 },
      fakeConnectorContext(),
    );
    expect(result.cursor).toEqual({ queries: { nordwind: { seen: {} } }, jetstreamTimeUs: 1795607990305212 });
  });
});

describe("profileLookup", () => {
  it("asks at most 25 actors per call and remembers what it found", async () => {
    const dids = Array.from({ length: 30 }, (_, i) => `did:plc:${String(i).padStart(24, "a")}`);
    const appview = await appView({
      [profilesRoute]: (req) => ({
        body: {
          profiles: req.query
            .getAll("actors")
            .map((did) => ({ did, handle: `${did.slice(-6)}.bsky.social` })),
        },
      }),
    });
    const lookup = profileLookup(appview.origin, fakeConnectorContext());
    const first = await lookup(dids);
    await lookup(dids.slice(0, 3));

    expect(appview.requests.map((req) => req.query.getAll("actors").length)).toEqual([25, 5]);
    expect(first.get(dids[29] ?? "")).toEqual({ handle: "aaaa29.bsky.social" });
  });
});

describe("topicMatcher", () => {
  const matches = topicMatcher(["nordwind", '"nordwind mobil"', "Störung", "#bahnstreik"]);

  it.each([
    ["Nordwind ist schon wieder down", true],
    ["NORDWIND!!!", true],
    ["#nordwind #fail", true],
    ["Ärger mit der STOERUNG", true],
    ["störungen überall", false],
    ["nordwindmobil-fanclub.example", false],
    ["heute #bahnstreik in Köln", true],
    ["heute bahnstreik in Köln", false],
    ["northern wind", false],
    ["", false],
  ])("%j → %s", (text, expected) => {
    expect(matches(text)).toBe(expected);
  });

  it("matches a phrase only as written", () => {
    const phrase = topicMatcher(['"nordwind mobil"']);
    expect(phrase("Kunde bei Nordwind Mobil seit 2019")).toBe(true);
    expect(phrase("mobil bei nordwind")).toBe(false);
  });

  it("matches nothing without words", () => {
    expect(topicMatcher([])("nordwind")).toBe(false);
    expect(topicMatcher(["  ", '""'])("nordwind")).toBe(false);
  });
});
