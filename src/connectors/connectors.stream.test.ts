import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { z } from "zod";
import { buildPost } from "../../test/factories.ts";
import { databaseKinds, seedOrganisation, startTestRuntime } from "../../test/harness.ts";
import { ManualClock } from "../platform/clock.ts";
import { createMetrics } from "../platform/http/metrics.ts";
import { posts } from "../posts/posts.table.ts";
import { createConnectorSource, deleteSource } from "../sources/sources.service.ts";
import { ConnectorError, type PollResult, type PostInput, type StreamContext } from "./connector.ts";
import * as repo from "./connectors.repo.ts";
import { type AnyConnector, pollDueConnectors } from "./connectors.service.ts";
import { type StreamRunnerOptions, startStreamRunner } from "./connectors.stream.ts";

/** What one fake connector does when polled and when connected; tests script it per connector. */
interface Script {
  poll(cursor: unknown): PollResult;
  stream(ctx: StreamContext, cursor: unknown): Promise<void>;
  polls: unknown[];
  streams: unknown[];
  /** Set when a connection's signal aborted. */
  aborted: number;
}

const scripts = new Map<string, Script>();

/** A Mastodon post as a connector hands it over. */
const mastodonPost = (text: string) =>
  buildPost({ text }) as PostInput & { externalId: string; text: string };

function script(name: string, parts: Partial<Pick<Script, "poll" | "stream">>): Script {
  const s: Script = {
    poll: () => ({ posts: [], cursor: null }),
    stream: (ctx) => untilAborted(ctx),
    polls: [],
    streams: [],
    aborted: 0,
    ...parts,
  };
  scripts.set(name, s);
  return s;
}

/** A connection that stays open until the runner ends it. */
function untilAborted(ctx: StreamContext): Promise<void> {
  return new Promise((resolve) => {
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

// A streaming connector kind that exists only in this test, handed to the runners through `deps.kinds`.
const fakeStream: AnyConnector = {
  kind: "fakestream",
  platform: "mastodon",
  title: { de: "Test-Stream", en: "Test stream" },
  description: { de: "Nur für Tests", en: "Tests only" },
  config: z.object({
    script: z.string(),
    live: z.boolean().default(true),
    streamable: z.boolean().default(true),
  }),
  secrets: z.object({}),
  pollSeconds: 60,
  async poll(config: { script: string }, _secrets, cursor) {
    const s = scripts.get(config.script);
    if (!s) throw new Error(`no script ${config.script}`);
    s.polls.push(cursor);
    return s.poll(cursor);
  },
  canStream: (config: { streamable: boolean }) => config.streamable,
  async stream(config: { script: string }, _secrets, cursor, ctx) {
    const s = scripts.get(config.script);
    if (!s) throw new Error(`no script ${config.script}`);
    s.streams.push(cursor);
    ctx.signal.addEventListener("abort", () => s.aborted++, { once: true });
    return s.stream(ctx, cursor);
  },
};
const kinds = new Map([[fakeStream.kind, fakeStream]]);
const policy = { allow: ["127.0.0.1"] };
const fast: StreamRunnerOptions = { intervalMs: 20, renewMs: 50, reconnectMs: 20, stopGraceMs: 5_000 };

/** Waits until `check` holds, polling; generous, so a loaded machine does not flake. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(databaseKinds)("live connections on %s", (dbKind) => {
  const clock = new ManualClock("2026-11-25T12:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let orgId: string;

  beforeAll(async () => {
    runtime = await startTestRuntime(dbKind, { clock, alertLoops: false });
    orgId = (await seedOrganisation(runtime, "nordwind")).org.id;
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  // Connectors of the fake kind are written as createConnector writes them (the API knows only real kinds).
  async function addConnector(config: Record<string, unknown>): Promise<string> {
    const now = clock.now();
    return runtime.ctx.db.transaction(async (tx) => {
      const id = await createConnectorSource(tx, runtime.ctx, orgId, "fakestream", "Test stream");
      await repo.insertConnector(tx, {
        id,
        orgId,
        kind: "fakestream",
        enabled: true,
        config,
        secretsSealed: null,
        cursor: null,
        state: "new",
        lastSuccessAt: null,
        lastError: null,
        lastErrorAt: null,
        consecutiveErrors: 0,
        postsTotal: 0,
        nextRunAt: now,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      });
      return id;
    });
  }
  const row = async (id: string) => (await repo.findConnector(runtime.ctx.db, orgId, id))?.row;
  const stored = async (externalId: string) => {
    const [found] = await runtime.ctx.db
      .select({ deletedAt: posts.deletedAt, text: posts.text })
      .from(posts)
      .where(and(eq(posts.orgId, orgId), eq(posts.externalId, externalId)));
    return found;
  };
  const switchOff = async (id: string) =>
    repo.updateConnector(runtime.ctx.db, orgId, id, {
      enabled: false,
      updatedAt: new Date(clock.now().getTime() + 1),
    });

  it("catches up with a poll, then streams: posts stored, deletions marked, cursor kept, state live", async () => {
    const first = mastodonPost("Nordwind: seit 9 Uhr kein Netz in Hamburg-Altona");
    const second = mastodonPost("Bei mir in Eimsbüttel auch, Nordwind!");
    const live = mastodonPost("Nordwind outage in Hamburg, anyone else?");
    let storedSeen = new Set<string>();
    const s = script("catch-up", {
      poll: (cursor) =>
        cursor === null
          ? {
              posts: [first, { platform: "mastodon", text: "no id" }] as PollResult["posts"],
              cursor: "c1",
              more: true,
            }
          : { posts: [second], cursor: "c2" },
      stream: async (ctx) => {
        await ctx.emit({ posts: [live], cursor: { since: "s1" } });
        ctx.skipped("not JSON", 2);
        await runtime.ctx.bus.idle();
        storedSeen = await ctx.stored([first.externalId, live.externalId, "never-stored"]);
        await ctx.emit({ posts: [], deleted: [first.externalId] });
        return untilAborted(ctx);
      },
    });
    const id = await addConnector({ script: "catch-up" });
    const metrics = createMetrics();
    const runner = startStreamRunner(runtime.ctx, { policy, kinds, metrics }, fast);
    try {
      await until(async () => (await stored(first.externalId))?.deletedAt != null);
      expect(s.polls).toEqual([null, "c1"]);
      expect(s.streams).toEqual(["c2"]);
      await runtime.ctx.bus.idle();
      expect(await stored(second.externalId)).toMatchObject({ deletedAt: null });
      expect(await stored(live.externalId)).toMatchObject({ text: live.text, deletedAt: null });
      const held = await row(id);
      expect(held).toMatchObject({ state: "live", cursor: { since: "s1" }, postsTotal: 3 });
      expect(held?.lastSuccessAt).not.toBeNull();
      expect(held?.lockedUntil?.getTime()).toBeGreaterThan(clock.now().getTime());
      // The connection may ask which posts the organisation stored (for deletions it did not deliver).
      expect([...storedSeen].sort()).toEqual([first.externalId, live.externalId].sort());
      // At /metrics: the open connection, the posts it handed over, what it skipped.
      const exposed = await metrics.registry.metrics();
      expect(exposed).toContain('brandwache_connector_live_connections{kind="fakestream"} 1');
      expect(exposed).toContain(
        'brandwache_connector_stream_skipped_total{kind="fakestream",reason="not JSON"} 2',
      );

      // Neither a second process's stream runner nor the poll runner takes a connector that is held.
      const other = startStreamRunner(runtime.ctx, { policy, kinds }, fast);
      await new Promise((r) => setTimeout(r, 300));
      await other.stop();
      expect(await pollDueConnectors(runtime.ctx, { policy, kinds })).toEqual([]);
      expect(s.streams).toHaveLength(1);
      expect(s.polls).toHaveLength(2);
    } finally {
      await runner.stop();
    }
    // stop() ended the connection and freed the lease.
    expect(s.aborted).toBe(1);
    expect(await row(id)).toMatchObject({ state: "ok", lockedUntil: null });
    await switchOff(id);
  });

  it("reconnects with a catch-up poll when the platform closes the connection", async () => {
    let connections = 0;
    const s = script("reconnect", {
      poll: (cursor) => ({ posts: [], cursor: `${String(cursor)}+` }),
      stream: async (ctx, cursor) => {
        connections++;
        if (connections === 1) {
          await ctx.emit({ posts: [], cursor: `${String(cursor)}:streamed` });
          return; // the platform closed it
        }
        return untilAborted(ctx);
      },
    });
    const id = await addConnector({ script: "reconnect" });
    const runner = startStreamRunner(runtime.ctx, { policy, kinds }, fast);
    try {
      await until(() => s.streams.length === 2);
      // The second catch-up poll starts from the cursor the connection stored last.
      expect(s.polls).toEqual([null, "null+:streamed"]);
      expect(s.streams).toEqual(["null+", "null+:streamed+"]);
      await until(async () => (await row(id))?.state === "live");
    } finally {
      await runner.stop();
      await switchOff(id);
    }
  });

  it("waits longer after each connection the platform closed at once, and starts short again after a stable one", async () => {
    const opened: number[] = [];
    let stableFrom = Number.POSITIVE_INFINITY;
    const s = script("flapping", {
      poll: () => ({ posts: [], cursor: "c" }),
      stream: async () => {
        opened.push(performance.now());
        // From the seventh connection on, one stays open longer than stableMs before the platform closes it.
        if (opened.length === 7) {
          stableFrom = opened.length;
          await new Promise((r) => setTimeout(r, 250));
        }
      },
    });
    const id = await addConnector({ script: "flapping" });
    const runner = startStreamRunner(
      runtime.ctx,
      { policy, kinds },
      { ...fast, reconnectMs: 20, maxReconnectMs: 5_000, stableMs: 200 },
    );
    try {
      await until(() => opened.length >= 9);
    } finally {
      await runner.stop();
      await switchOff(id);
    }
    const gaps = opened.slice(1).map((t, i) => t - (opened[i] as number));
    // Pauses of 20, 40, 80, 160, 320, 640 ms after the quick closes (a gap also holds the catch-up poll).
    for (const [i, pause] of [20, 40, 80, 160, 320, 640].entries())
      expect(gaps[i]).toBeGreaterThanOrEqual(pause - 5);
    expect(stableFrom).toBe(7);
    // After the stable seventh connection (open 250 ms): 20 ms again, far below the 1,280 ms that came next,
    // and after the quick eighth 20 ms too (the count started again).
    expect((gaps[6] ?? Number.POSITIVE_INFINITY) - 250).toBeLessThan(800);
    expect(gaps[7] ?? Number.POSITIVE_INFINITY).toBeLessThan(800);
    expect(s.streams.length).toBeGreaterThanOrEqual(9);
  });

  it("records a failing connection like a failed poll and backs off before trying again", async () => {
    let failure: ConnectorError = new ConnectorError("stream: HTTP 503 (Service Unavailable)", "transient");
    const s = script("failing", {
      stream: async () => {
        throw failure;
      },
    });
    const id = await addConnector({ script: "failing" });
    const runner = startStreamRunner(runtime.ctx, { policy, kinds }, fast);
    try {
      await until(async () => (await row(id))?.state === "transient");
      let failed = await row(id);
      expect(failed).toMatchObject({ consecutiveErrors: 1, lockedUntil: null });
      expect(failed?.lastError).toMatch(/HTTP 503/);
      expect((failed?.nextRunAt.getTime() ?? 0) - clock.now().getTime()).toBe(30_000);
      // Not tried again before the back-off is over.
      await new Promise((r) => setTimeout(r, 300));
      expect(s.streams).toHaveLength(1);

      failure = new ConnectorError("stream: HTTP 429", "rate_limited", 120_000);
      await clock.advance(30_000);
      await until(async () => (await row(id))?.state === "rate_limited");
      failed = await row(id);
      // The catch-up poll succeeded, but the connection did not: the count goes on.
      expect(failed).toMatchObject({ consecutiveErrors: 2, lockedUntil: null });
      expect((failed?.nextRunAt.getTime() ?? 0) - clock.now().getTime()).toBe(120_000);

      failure = new ConnectorError("stream: HTTP 401 (invalid token)", "auth");
      await clock.advance(120_000);
      await until(async () => (await row(id))?.state === "auth");
      failed = await row(id);
      expect((failed?.nextRunAt.getTime() ?? 0) - clock.now().getTime()).toBe(3_600_000);
      expect(s.streams).toHaveLength(3);

      // A person changing the settings (state new, as updateConnector writes it) lets it connect at once.
      s.stream = (ctx) => untilAborted(ctx);
      await repo.updateConnector(runtime.ctx.db, orgId, id, {
        state: "new",
        consecutiveErrors: 0,
        nextRunAt: clock.now(),
        updatedAt: new Date(clock.now().getTime() + 1),
      });
      await until(async () => (await row(id))?.state === "live");
    } finally {
      await runner.stop();
      await switchOff(id);
    }
  });

  it("does not count a connection as proven for renewals while it was open less than a lease", async () => {
    // Open for 150 ms, three renewals of 50 ms, then a 503: not a lease long, so the count goes on.
    const s = script("brief", {
      stream: async () => {
        await new Promise((r) => setTimeout(r, 150));
        throw new ConnectorError("stream: HTTP 503 (Service Unavailable)", "transient");
      },
    });
    const id = await addConnector({ script: "brief" });
    const runner = startStreamRunner(runtime.ctx, { policy, kinds }, fast);
    try {
      await until(async () => (await row(id))?.consecutiveErrors === 1);
      await clock.advance(30_000);
      await until(() => s.streams.length === 2);
      await until(
        async () => (await row(id))?.state === "transient" && (await row(id))?.lockedUntil === null,
      );
      expect(await row(id)).toMatchObject({ consecutiveErrors: 2, state: "transient" });
      expect(((await row(id))?.nextRunAt.getTime() ?? 0) - clock.now().getTime()).toBe(60_000);
    } finally {
      await runner.stop();
      await switchOff(id);
    }
  });

  it("ends a connection at the next renewal when its connector is switched off, changed or deleted", async () => {
    const s = script("held", {});
    const id = await addConnector({ script: "held" });
    const runner = startStreamRunner(runtime.ctx, { policy, kinds }, fast);
    try {
      await until(() => s.streams.length === 1);
      await switchOff(id);
      await until(() => s.aborted === 1);
      await until(async () => (await row(id))?.lockedUntil === null);

      // Changed settings: the connection ends and a new one starts with them.
      await repo.updateConnector(runtime.ctx.db, orgId, id, {
        enabled: true,
        updatedAt: new Date(clock.now().getTime() + 2),
      });
      await until(() => s.streams.length === 2);
      await repo.updateConnector(runtime.ctx.db, orgId, id, {
        config: { script: "held", live: true },
        updatedAt: new Date(clock.now().getTime() + 3),
      });
      await until(() => s.aborted === 2 && s.streams.length === 3);

      await runtime.ctx.db.transaction((tx) => deleteSource(tx, orgId, id));
      await until(() => s.aborted === 3);
    } finally {
      await runner.stop();
    }
    expect(s.streams).toHaveLength(3);
  });

  it("connects through the SSRF guard, and stop() closes a socket the connector does not close itself", async () => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => wss.once("listening", r));
    const sent = [mastodonPost("Nordwind live: Störung in Kiel"), mastodonPost("Kiel again")];
    wss.on("connection", (ws) => {
      for (const post of sent) ws.send(JSON.stringify(post));
    });
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/subscribe`;
    // This connector never looks at its signal: only the runner closing its socket ends it.
    const s = script("socket", {
      stream: async (ctx) => {
        const socket = await ctx.openWebSocket(url);
        for await (const message of socket.messages) {
          const post = JSON.parse(message) as { externalId: string };
          await ctx.emit({ posts: [post as PostInput], cursor: post.externalId });
        }
      },
    });
    const id = await addConnector({ script: "socket" });
    const runner = startStreamRunner(runtime.ctx, { policy, kinds }, fast);
    try {
      await until(async () => (await row(id))?.cursor === sent[1]?.externalId);
      await runtime.ctx.bus.idle();
      for (const post of sent) expect(await stored(post.externalId)).toMatchObject({ text: post.text });
    } finally {
      await runner.stop();
    }
    expect(s.streams).toHaveLength(1);
    expect(await row(id)).toMatchObject({ state: "ok", lockedUntil: null, postsTotal: 2 });

    // Without the allowance, the loopback address is refused: settings to fix, tried again in an hour.
    const guarded = startStreamRunner(runtime.ctx, { policy: { allow: [] }, kinds }, fast);
    try {
      await until(async () => (await row(id))?.state === "config");
      const refused = await row(id);
      expect(refused?.lastError).toMatch(/blocked: 127\.0\.0\.1 is a loopback address/);
      expect((refused?.nextRunAt.getTime() ?? 0) - clock.now().getTime()).toBe(3_600_000);
    } finally {
      await guarded.stop();
      await switchOff(id);
      for (const client of wss.clients) client.terminate();
      await new Promise((r) => wss.close(r));
    }
  });

  it("only polls a connector whose live setting is off, and the poll marks reported deletions", async () => {
    const gone = mastodonPost("Nordwind hat mich dreimal vertröstet");
    const s = script("polled", {
      poll: (cursor) =>
        cursor === null
          ? { posts: [gone], cursor: "p1" }
          : { posts: [], deleted: [gone.externalId], cursor: "p2" },
    });
    const id = await addConnector({ script: "polled", live: false });
    const runner = startStreamRunner(runtime.ctx, { policy, kinds }, fast);
    try {
      expect(await pollDueConnectors(runtime.ctx, { policy, kinds })).toMatchObject([
        { posts: 1, state: "ok" },
      ]);
      await runtime.ctx.bus.idle();
      expect(await stored(gone.externalId)).toMatchObject({ deletedAt: null });
      await clock.advance(60_000);
      expect(await pollDueConnectors(runtime.ctx, { policy, kinds })).toMatchObject([
        { posts: 0, state: "ok" },
      ]);
      expect((await stored(gone.externalId))?.deletedAt).toEqual(clock.now());
      await new Promise((r) => setTimeout(r, 200));
      expect(s.streams).toEqual([]);
      expect(await row(id)).toMatchObject({ state: "ok", cursor: "p2" });
    } finally {
      await runner.stop();
      await switchOff(id);
    }
  });

  it("leaves a connector whose settings cannot stream to the poll runner", async () => {
    const s = script("cannot", { poll: () => ({ posts: [], cursor: "c1" }) });
    const id = await addConnector({ script: "cannot", streamable: false });
    const runner = startStreamRunner(runtime.ctx, { policy, kinds }, fast);
    try {
      // Several passes of the stream runner: it looks once, lets go, and does not claim it again.
      await new Promise((r) => setTimeout(r, 300));
      expect(s.streams).toEqual([]);
      expect(s.polls).toEqual([]);
      expect(await row(id)).toMatchObject({ lockedUntil: null, state: "new" });
      expect(await pollDueConnectors(runtime.ctx, { policy, kinds })).toMatchObject([{ state: "ok" }]);
      expect(s.polls).toEqual([null]);
      expect(s.streams).toEqual([]);
    } finally {
      await runner.stop();
      await switchOff(id);
    }
  });
});
