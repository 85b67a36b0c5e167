import type { Logger } from "../logger.ts";
import type { BatchHandler, Bus, Consumer, OutgoingMessage, Subject } from "./bus.ts";

interface Group {
  subject: Subject;
  name: string;
  queue: unknown[];
  /** The weight of each queued message (`weightOf`), in queue order, and their sum. */
  weights: number[];
  queuedWeight: number;
  handler: BatchHandler;
  batchSize: number;
  busy: boolean;
  stopped: boolean;
}

/**
 * The posts a message carries (`{"posts": [...]}`, a page or a store step's announcements), else 1: what it
 * counts against a queue's capacity, so that the bound holds in posts whatever the messages' sizes.
 */
export function weightOf(message: unknown): number {
  const posts = (message as { posts?: unknown } | null)?.posts;
  return Array.isArray(posts) ? Math.max(1, posts.length) : 1;
}

/**
 * In-process bus with bounded queues: a fast producer waits for slow consumers, so memory stays bounded. The
 * capacity counts posts (`weightOf`); a message heavier than the whole capacity still enters an empty queue.
 */
export class MemoryBus implements Bus {
  readonly kind = "memory";
  private groups: Group[] = [];
  private listeners = new Map<Subject, Set<(payload: unknown) => void>>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly log: Logger,
    private readonly capacity = 2000,
    private readonly retryDelaysMs = [100, 500, 2000, 5000],
  ) {}

  async publish(subject: Subject, message: unknown): Promise<void> {
    // Messages travel as JSON, as over NATS: a stage that works here works unchanged in a cluster,
    // and no consumer can alias an object the producer still holds.
    // Every group and listener parses its own copy, so one cannot change what another sees.
    const json = JSON.stringify(message);
    const weight = weightOf(message);
    const full = (g: Group) => g.queue.length > 0 && g.queuedWeight + weight > this.capacity;
    let targets = this.targetsOf(subject);
    while (targets.some(full)) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      // Chosen again after each wake: a member may have stopped (its queue never drains) or joined.
      targets = this.targetsOf(subject);
    }
    for (const g of targets) {
      g.queue.push(JSON.parse(json));
      g.weights.push(weight);
      g.queuedWeight += weight;
      this.pump(g);
    }
    for (const listener of this.listeners.get(subject) ?? []) {
      try {
        listener(JSON.parse(json));
      } catch (error) {
        this.log.error({ err: error, subject }, "bus listener failed");
      }
    }
  }

  async publishMany(subject: Subject, messages: readonly OutgoingMessage[]): Promise<void> {
    for (const m of messages) await this.publish(subject, m.payload);
  }

  consume(
    subject: Subject,
    group: string,
    handler: BatchHandler,
    opts: { batchSize?: number } = {},
  ): Consumer {
    const g: Group = {
      subject,
      name: group,
      queue: [],
      weights: [],
      queuedWeight: 0,
      handler,
      batchSize: opts.batchSize ?? 100,
      busy: false,
      stopped: false,
    };
    this.groups.push(g);
    return {
      stop: async () => {
        g.stopped = true;
        while (g.busy) await new Promise((r) => setTimeout(r, 5));
        this.groups = this.groups.filter((x) => x !== g);
        this.wake();
      },
    };
  }

  listen(subject: Subject, handler: (payload: unknown) => void): () => void {
    const set = this.listeners.get(subject) ?? new Set();
    set.add(handler);
    this.listeners.set(subject, set);
    return () => set.delete(handler);
  }

  async idle(): Promise<void> {
    while (this.groups.some((g) => g.busy || (g.queue.length > 0 && !g.stopped))) {
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async close(): Promise<void> {
    await this.idle();
    for (const g of this.groups) g.stopped = true;
    this.groups = [];
    this.wake();
  }

  // One member per group: the one with the shortest queue, an idle one on a tie.
  private targetsOf(subject: Subject): Group[] {
    const byName = new Map<string, Group>();
    for (const g of this.groups) {
      if (g.subject !== subject || g.stopped) continue;
      const best = byName.get(g.name);
      const shorter =
        best === undefined ||
        g.queuedWeight < best.queuedWeight ||
        (g.queuedWeight === best.queuedWeight && best.busy && !g.busy);
      if (shorter) byName.set(g.name, g);
    }
    return [...byName.values()];
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private pump(g: Group) {
    if (g.busy || g.stopped || g.queue.length === 0) return;
    g.busy = true;
    // Deferred so that a burst of publishes is handled as one batch.
    setImmediate(() => void this.drainGroup(g));
  }

  private async drainGroup(g: Group) {
    while (!g.stopped && g.queue.length > 0) {
      const batch = g.queue.splice(0, g.batchSize);
      for (const weight of g.weights.splice(0, batch.length)) g.queuedWeight -= weight;
      this.wake();
      await this.deliver(g, batch);
    }
    g.busy = false;
  }

  // At-least-once like JetStream: a failed batch is retried with backoff, then logged as dead.
  private async deliver(g: Group, batch: unknown[]) {
    for (let attempt = 0; ; attempt++) {
      try {
        await g.handler(batch, { redelivered: attempt > 0 });
        return;
      } catch (error) {
        const delay = this.retryDelaysMs[attempt];
        if (delay === undefined || g.stopped) {
          this.log.error(
            { err: error, subject: g.subject, group: g.name, size: batch.length },
            "batch dropped after retries",
          );
          return;
        }
        this.log.warn({ err: error, subject: g.subject, group: g.name, attempt }, "batch failed; retrying");
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
