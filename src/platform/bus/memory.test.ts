import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../logger.ts";
import { MemoryBus } from "./memory.ts";

const log = createLogger("silent");

/** Polls `condition` until it holds; fails the test after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Lets timers and immediates run for a while, to show that something stays pending. */
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** A promise the test resolves by hand, to hold a handler in the middle of a batch. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

describe("MemoryBus", () => {
  it("delivers every message to exactly one member of each group and to every group", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 10 }),
        async (count, membersPerGroup, batchSize) => {
          const bus = new MemoryBus(log, 8, [1]);
          const seen = membersPerGroup.map(() => [] as number[]);
          membersPerGroup.forEach((members, group) => {
            for (let m = 0; m < members; m++) {
              bus.consume(
                "posts.ingested",
                `group-${group}`,
                async (batch) => {
                  seen[group]?.push(...(batch as number[]));
                },
                { batchSize },
              );
            }
          });
          for (let i = 0; i < count; i++) await bus.publish("posts.ingested", i);
          await bus.idle();
          const all = Array.from({ length: count }, (_, i) => i);
          for (const received of seen) expect([...received].sort((a, b) => a - b)).toEqual(all);
          await bus.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it("splits the work of one group between its members", async () => {
    const bus = new MemoryBus(log, 4, [1]);
    const first: number[] = [];
    const second: number[] = [];
    bus.consume("posts.ingested", "assess", async (b) => void first.push(...(b as number[])), {
      batchSize: 2,
    });
    bus.consume("posts.ingested", "assess", async (b) => void second.push(...(b as number[])), {
      batchSize: 2,
    });
    for (let i = 0; i < 20; i++) await bus.publish("posts.ingested", i);
    await bus.idle();
    expect([...first, ...second].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
  });

  it("hands the handler batches no larger than batchSize, in publish order", async () => {
    const bus = new MemoryBus(log);
    const batches: number[][] = [];
    bus.consume("posts.assessed", "store", async (b) => void batches.push(b as number[]), { batchSize: 3 });
    for (let i = 0; i < 10; i++) await bus.publish("posts.assessed", i);
    await bus.idle();
    expect(batches.every((b) => b.length <= 3)).toBe(true);
    expect(batches.some((b) => b.length === 3)).toBe(true);
    expect(batches.flat()).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it("publishes many messages in order, waiting while the queue is full", async () => {
    const bus = new MemoryBus(log, 4);
    const batches: number[][] = [];
    bus.consume("posts.stored", "alerts", async (b) => void batches.push(b as number[]), { batchSize: 3 });
    await bus.publishMany(
      "posts.stored",
      Array.from({ length: 20 }, (_, i) => ({ payload: i, id: `m${i}` })),
    );
    await bus.idle();
    expect(batches.every((b) => b.length <= 3)).toBe(true);
    expect(batches.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("makes a fast producer wait while the queue of a slow consumer is full", async () => {
    const capacity = 3;
    const bus = new MemoryBus(log, capacity, [1]);
    const held = gate();
    let accepted = 0;
    let delivered = 0;
    let maxQueued = 0;
    const observe = () => {
      maxQueued = Math.max(maxQueued, accepted - delivered);
    };
    bus.consume(
      "posts.ingested",
      "assess",
      async (batch) => {
        delivered += batch.length;
        observe();
        await held.opened;
      },
      { batchSize: 1 },
    );
    const publishes = Array.from({ length: 20 }, (_, i) =>
      bus.publish("posts.ingested", i).then(() => {
        accepted++;
        observe();
      }),
    );
    await waitFor(() => delivered === 1);
    await settle();
    // One message in the handler's hands, `capacity` in the queue, the rest of the producers wait.
    expect(accepted).toBe(capacity + 1);
    held.open();
    await Promise.all(publishes);
    await bus.idle();
    expect(delivered).toBe(20);
    expect(maxQueued).toBeLessThanOrEqual(capacity);
  });

  it("counts a message carrying a list of posts as that many against the capacity", async () => {
    const bus = new MemoryBus(log, 100, [1]);
    const held = gate();
    let delivered = 0;
    bus.consume(
      "posts.ingested",
      "assess",
      async (batch) => {
        delivered += batch.length;
        await held.opened;
      },
      { batchSize: 1 },
    );
    const page = (n: number) => ({
      orgId: "o",
      sourceId: null,
      posts: Array.from({ length: n }, (_, i) => i),
    });
    let accepted = 0;
    const publishes = [page(50), page(60), page(40), page(10), page(500)].map((p) =>
      bus.publish("posts.ingested", p).then(() => {
        accepted++;
      }),
    );
    await waitFor(() => delivered === 1);
    await settle();
    // 50 in the handler's hands; 60 + 40 fill the queue's 100 posts; 10 more would not fit.
    expect(accepted).toBe(3);
    held.open();
    // A page heavier than the whole capacity still goes through once the queue is empty.
    await Promise.all(publishes);
    await bus.idle();
    expect(delivered).toBe(5);
  });

  it("lets a waiting producer go on when the consumer with the full queue stops", async () => {
    const bus = new MemoryBus(log, 1, [1]);
    const held = gate();
    let started = false;
    const consumer = bus.consume(
      "posts.ingested",
      "assess",
      async () => {
        started = true;
        await held.opened;
      },
      { batchSize: 1 },
    );
    await bus.publish("posts.ingested", 1);
    await waitFor(() => started);
    await bus.publish("posts.ingested", 2);
    let third = false;
    const waiting = bus.publish("posts.ingested", 3).then(() => {
      third = true;
    });
    await settle();
    expect(third).toBe(false);
    const stopping = consumer.stop();
    held.open();
    await stopping;
    await waiting;
    expect(third).toBe(true);
  });

  it("hands a failing batch to the handler again until it succeeds", async () => {
    const bus = new MemoryBus(log, 10, [1, 1, 1]);
    const attempts: unknown[][] = [];
    bus.consume("posts.ingested", "assess", async (batch) => {
      attempts.push(batch);
      if (attempts.length <= 2) throw new Error("database unavailable");
    });
    await bus.publish("posts.ingested", { id: "a" });
    await bus.publish("posts.ingested", { id: "b" });
    await bus.idle();
    expect(attempts).toHaveLength(3);
    for (const a of attempts) expect(a).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("logs and drops a batch that fails on every retry, and keeps consuming", async () => {
    const quiet = createLogger("silent");
    const error = vi.spyOn(quiet, "error");
    const bus = new MemoryBus(quiet, 10, [1, 1]);
    const attempts: unknown[][] = [];
    bus.consume("posts.ingested", "assess", async (batch) => {
      attempts.push(batch);
      if ((batch as string[]).includes("poison")) throw new Error("cannot parse");
    });
    await bus.publish("posts.ingested", "poison");
    await bus.idle();
    expect(attempts).toEqual([["poison"], ["poison"], ["poison"]]);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ subject: "posts.ingested", group: "assess", size: 1 }),
      "batch dropped after retries",
    );
    await bus.publish("posts.ingested", "next");
    await bus.idle();
    expect(attempts.at(-1)).toEqual(["next"]);
  });

  it("tells every listener about every message, also when one listener throws", async () => {
    const bus = new MemoryBus(log);
    const first: unknown[] = [];
    const second: unknown[] = [];
    bus.listen("topics.changed", (p) => void first.push(p));
    bus.listen("topics.changed", () => {
      throw new Error("listener bug");
    });
    const unlisten = bus.listen("topics.changed", (p) => void second.push(p));
    await bus.publish("topics.changed", { orgId: "o1" });
    unlisten();
    await bus.publish("topics.changed", { orgId: "o2" });
    await bus.publish("posts.stored", { orgId: "o3" });
    expect(first).toEqual([{ orgId: "o1" }, { orgId: "o2" }]);
    expect(second).toEqual([{ orgId: "o1" }]);
  });

  it("resolves idle() only after the handlers have finished", async () => {
    const bus = new MemoryBus(log);
    const held = gate();
    let finished = false;
    bus.consume("posts.assessed", "store", async () => {
      await held.opened;
      finished = true;
    });
    await bus.publish("posts.assessed", 1);
    let idle = false;
    const idling = bus.idle().then(() => {
      idle = true;
    });
    await settle();
    expect(idle).toBe(false);
    held.open();
    await idling;
    expect(finished).toBe(true);
  });

  it("stops a consumer after the batch in hand, and delivers nothing to it afterwards", async () => {
    const bus = new MemoryBus(log);
    const held = gate();
    const received: unknown[] = [];
    let finished = false;
    const consumer = bus.consume("posts.assessed", "store", async (batch) => {
      received.push(...batch);
      await held.opened;
      finished = true;
    });
    await bus.publish("posts.assessed", 1);
    await waitFor(() => received.length === 1);
    let stopped = false;
    const stopping = consumer.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    held.open();
    await stopping;
    expect(finished).toBe(true);
    await bus.publish("posts.assessed", 2);
    await bus.idle();
    expect(received).toEqual([1]);
  });

  it("delivers JSON copies: dates as ISO strings, unaffected by later changes", async () => {
    const bus = new MemoryBus(log);
    const assess: unknown[] = [];
    const audit: unknown[] = [];
    const heard: unknown[] = [];
    bus.consume("posts.ingested", "assess", async (batch) => {
      assess.push(...batch);
      // A handler that changes its message must not change what another group sees.
      for (const m of batch) (m as { text: string }).text = "changed by assess";
    });
    bus.consume("posts.ingested", "audit", async (batch) => void audit.push(...batch));
    bus.listen("posts.ingested", (p) => void heard.push(p));
    const post = { text: "Shitstorm incoming", postedAt: new Date("2024-05-01T08:30:00Z"), drop: undefined };
    await bus.publish("posts.ingested", post);
    post.text = "changed by the producer";
    await bus.idle();
    const expected = { text: "Shitstorm incoming", postedAt: "2024-05-01T08:30:00.000Z" };
    expect(audit).toEqual([expected]);
    expect(heard).toEqual([expected]);
    expect(assess).toEqual([{ ...expected, text: "changed by assess" }]);
    expect(audit[0]).not.toBe(heard[0]);
  });
});
