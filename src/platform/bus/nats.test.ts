import { randomUUID } from "node:crypto";
import { connect, type JetStreamManager, type NatsConnection } from "nats";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger, type Logger } from "../logger.ts";
import { NatsBus, type NatsBusOptions, nakDelayMs } from "./nats.ts";

// A test of the real server, not of the app's configuration: nothing outside env.ts reads BRANDWACHE_BUS.
const url = process.env.BRANDWACHE_TEST_NATS_URL;
if (!url) {
  console.warn(
    "nats.test.ts skipped: set BRANDWACHE_TEST_NATS_URL (e.g. nats://127.0.0.1:4222) to test NatsBus against a server",
  );
}

/** Polls `condition` until it holds; fails the test after `timeoutMs` (generous: CI shares two cores). */
async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("nakDelayMs", () => {
  it("waits 1 s after the first failure, doubling up to a minute, so an outage of any length loses nothing", () => {
    expect([1, 2, 3, 4, 7, 8, 50].map(nakDelayMs)).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
    expect(nakDelayMs(0)).toBe(1000);
  });
});

describe.skipIf(!url)("NatsBus", () => {
  // Each test gets its own stream and subject prefix, so no run or test sees another's messages or
  // durable consumers, and the BRANDWACHE stream of a real deployment is never touched.
  const run = randomUUID().slice(0, 8);
  let tests = 0;
  let admin: NatsConnection;
  let jsm: JetStreamManager;
  const streams: string[] = [];
  const buses: NatsBus[] = [];

  /** A fresh stream for one test; `open()` connects a bus to it, as often as a test needs processes. */
  function testStream() {
    tests++;
    const options = { stream: `BW_TEST_${run}_${tests}`, subjectPrefix: `bw_test_${run}_${tests}.` };
    streams.push(options.stream);
    return {
      stream: options.stream,
      open: async (extra: NatsBusOptions & { log?: Logger } = {}) => {
        const bus = await NatsBus.connect(url ?? "", extra.log ?? createLogger("silent"), {
          ...options,
          ...extra,
        });
        buses.push(bus);
        return bus;
      },
      storedMessages: async () => (await jsm.streams.info(options.stream)).state.messages,
    };
  }

  beforeAll(async () => {
    admin = await connect({ servers: url });
    jsm = await admin.jetstreamManager();
  });

  afterEach(async () => {
    // Buses a test closed itself are closed already; closing again only fails.
    await Promise.allSettled(buses.splice(0).map((b) => b.close()));
    for (const s of streams.splice(0)) await jsm.streams.delete(s).catch(() => false);
  });

  afterAll(async () => {
    await admin?.close();
  });

  it("delivers every published message once to a group, as JSON", async () => {
    const { open } = testStream();
    const bus = await open();
    for (const i of range(50)) {
      await bus.publish(
        "posts.ingested",
        { i, postedAt: new Date(Date.UTC(2024, 4, 1, 8, i)) },
        { id: `p${i}` },
      );
    }
    const received: { i: number; postedAt: unknown }[] = [];
    const batchSizes: number[] = [];
    const consumer = bus.consume(
      "posts.ingested",
      "assess",
      async (batch) => {
        batchSizes.push(batch.length);
        received.push(...(batch as { i: number; postedAt: unknown }[]));
      },
      { batchSize: 10 },
    );
    await waitFor(() => received.length >= 50);
    await consumer.stop();
    expect(received.map((m) => m.i).sort((a, b) => a - b)).toEqual(range(50));
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(10);
    expect(received.find((m) => m.i === 0)?.postedAt).toBe("2024-05-01T08:00:00.000Z");
  });

  it("publishes many messages in order through a small window, dropping repeated ids", async () => {
    const { open, storedMessages } = testStream();
    // A window of 8: most of the 100 wait for acknowledgements of earlier ones.
    const bus = await open({ window: 8 });
    const messages = range(100).map((i) => ({ payload: { i }, id: `m${i}` }));
    await bus.publishMany("posts.stored", messages);
    await bus.publishMany("posts.stored", messages.slice(40, 60));
    expect(await storedMessages()).toBe(100);
    const received: number[] = [];
    const consumer = bus.consume(
      "posts.stored",
      "alerts",
      async (batch) => void received.push(...(batch as { i: number }[]).map((m) => m.i)),
      { batchSize: 100 },
    );
    await waitFor(() => received.length >= 100);
    await consumer.stop();
    expect(received).toEqual(range(100));
  });

  it("rejects publishMany when JetStream does not take the messages", async () => {
    const { open, stream } = testStream();
    const bus = await open();
    await jsm.streams.delete(stream);
    await expect(
      bus.publishMany("posts.ingested", [{ payload: 1, id: "lost-1" }, { payload: 2 }]),
    ).rejects.toThrow(/2 of 2 publishes to JetStream failed/);
  });

  it("splits the work of one group between two consumers without duplicates", async () => {
    const { open } = testStream();
    const bus = await open();
    for (const i of range(100)) await bus.publish("posts.assessed", i, { id: `a${i}` });
    const first: number[] = [];
    const second: number[] = [];
    const slowly = (into: number[]) => async (batch: unknown[]) => {
      into.push(...(batch as number[]));
      await new Promise((r) => setTimeout(r, 20));
    };
    const a = bus.consume("posts.assessed", "store", slowly(first), { batchSize: 5 });
    const b = bus.consume("posts.assessed", "store", slowly(second), { batchSize: 5 });
    await waitFor(() => first.length + second.length >= 100);
    await Promise.all([a.stop(), b.stop()]);
    expect([...first, ...second].sort((x, y) => x - y)).toEqual(range(100));
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
  });

  it("redelivers a batch whose handler threw, until every message is handled", async () => {
    const { open } = testStream();
    const bus = await open();
    for (const i of range(5)) await bus.publish("posts.ingested", i, { id: `r${i}` });
    const attempts: number[][] = [];
    const handled = new Set<number>();
    const consumer = bus.consume(
      "posts.ingested",
      "assess",
      async (batch) => {
        attempts.push(batch as number[]);
        if (attempts.length === 1) throw new Error("database unavailable");
        for (const i of batch as number[]) handled.add(i);
      },
      { batchSize: 5 },
    );
    await waitFor(() => handled.size === 5);
    await consumer.stop();
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[0]?.length).toBeGreaterThan(0);
    // The messages of the failed batch came back.
    for (const i of attempts[0] ?? []) expect(handled.has(i)).toBe(true);
  });

  it("stores a message published twice with the same id within the duplicate window once", async () => {
    const { open, storedMessages } = testStream();
    const bus = await open();
    await bus.publish("posts.ingested", { externalId: "1", text: "first try" }, { id: "o1:x:1" });
    await bus.publish("posts.ingested", { externalId: "1", text: "retry" }, { id: "o1:x:1" });
    await bus.publish("posts.ingested", { externalId: "2", text: "another post" }, { id: "o1:x:2" });
    await bus.idle();
    expect(await storedMessages()).toBe(2);
    const received: unknown[] = [];
    const consumer = bus.consume("posts.ingested", "assess", async (b) => void received.push(...b), {
      batchSize: 2,
    });
    await waitFor(() => received.length >= 2);
    await consumer.stop();
    expect(received).toEqual([
      { externalId: "1", text: "first try" },
      { externalId: "2", text: "another post" },
    ]);
  });

  it("tells listeners about every message, also when one listener throws", async () => {
    const { open } = testStream();
    const bus = await open();
    const heard: unknown[] = [];
    bus.listen("topics.changed", () => {
      throw new Error("listener bug");
    });
    const unlisten = bus.listen("topics.changed", (p) => void heard.push(p));
    for (const orgId of ["o1", "o2", "o3"]) await bus.publish("topics.changed", { orgId });
    await waitFor(() => heard.length >= 3);
    expect(heard).toEqual([{ orgId: "o1" }, { orgId: "o2" }, { orgId: "o3" }]);
    unlisten();
  });

  it("flushes publishes still in flight or waiting for the window on close()", async () => {
    const { open, storedMessages } = testStream();
    const bus = await open({ window: 4 });
    const publishes = range(40).map((i) => bus.publish("posts.stored", { i }, { id: `s${i}` }));
    await bus.close();
    await Promise.all(publishes);
    expect(await storedMessages()).toBe(40);
  });

  it("flushes what the last batches publish when close() stops the consumers", async () => {
    const { open, storedMessages } = testStream();
    const log = createLogger("silent");
    const error = vi.spyOn(log, "error");
    const bus = await open({ log });
    await bus.publish("posts.ingested", { externalId: "1" }, { id: "i1" });
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let started = false;
    // Like the assess stage: each handled message is published to the next subject.
    bus.consume(
      "posts.ingested",
      "assess",
      async (batch) => {
        started = true;
        await released;
        for (const m of batch) await bus.publish("posts.assessed", m, { id: "a1" });
      },
      { batchSize: 1 },
    );
    await waitFor(() => started);
    const closing = bus.close();
    release();
    await closing;
    expect(error).not.toHaveBeenCalled();
    expect(await storedMessages()).toBe(2);
  });

  it("sets its consumer up again when the server loses it, and goes on with the stream", async () => {
    const { open, stream } = testStream();
    const bus = await open();
    const handled = new Set<number>();
    const consumer = bus.consume("posts.stored", "alerts", async (b) => {
      for (const i of b as number[]) handled.add(i);
    });
    for (const i of range(5)) await bus.publish("posts.stored", i, { id: `l${i}` });
    await waitFor(() => handled.size === 5);
    // What an operator's mistake or a server failure does: the durable consumer is gone.
    await jsm.consumers.delete(stream, "alerts-posts_stored");
    for (const i of range(5)) await bus.publish("posts.stored", i + 5, { id: `l${i + 5}` });
    await waitFor(() => handled.size === 10);
    await consumer.stop();
    expect([...handled].sort((a, b) => a - b)).toEqual(range(10));
  });

  it("continues a group where a stopped consumer left off, without redelivering acked messages", async () => {
    const { open } = testStream();
    const producer = await open();
    for (const i of range(10)) await producer.publish("posts.assessed", i, { id: `d${i}` });
    const before = await open();
    const firstPart: number[] = [];
    let stopping: Promise<void> | undefined;
    const consumer = before.consume(
      "posts.assessed",
      "store",
      async (batch) => {
        firstPart.push(...(batch as number[]));
        // Stops after its first batch, like a process shut down in the middle of the stream.
        stopping ??= consumer.stop();
      },
      { batchSize: 4 },
    );
    await waitFor(() => stopping !== undefined);
    await stopping;
    await before.close();
    expect(firstPart.length).toBeGreaterThan(0);
    expect(firstPart.length).toBeLessThanOrEqual(4);

    const after = await open();
    const rest: number[] = [];
    const next = after.consume("posts.assessed", "store", async (b) => void rest.push(...(b as number[])), {
      batchSize: 10 - firstPart.length,
    });
    await waitFor(() => firstPart.length + rest.length >= 10);
    await next.stop();
    expect([...firstPart, ...rest].sort((a, b) => a - b)).toEqual(range(10));
  });

  it("fails no publish because another publish in the window failed", async () => {
    const { open, stream } = testStream();
    const log = createLogger("silent");
    const error = vi.spyOn(log, "error");
    const bus = await open({ window: 1, log });
    await jsm.streams.delete(stream);
    await bus.publish("posts.ingested", { i: 1 });
    await expect(bus.publish("posts.ingested", { i: 2 })).resolves.toBeUndefined();
    await bus.idle();
    expect(error).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ subject: "posts.ingested" }),
      "publish failed",
    );
  });
});
