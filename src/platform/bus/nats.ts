import {
  AckPolicy,
  connect,
  DeliverPolicy,
  type JetStreamClient,
  JSONCodec,
  type NatsConnection,
  nanos,
  RetentionPolicy,
} from "nats";
import type { Logger } from "../logger.ts";
import type { BatchHandler, Bus, Consumer, Subject } from "./bus.ts";

const streamName = "BRANDWACHE";
const codec = JSONCodec();

/** Bus over NATS JetStream: durable stream, acknowledged pull consumers, redelivery, de-duplication by message id. */
export class NatsBus implements Bus {
  readonly kind = "nats";
  private inFlight = new Set<Promise<unknown>>();
  private consumers: Consumer[] = [];

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly log: Logger,
    private readonly window: number,
  ) {}

  /** Connects and makes sure the stream exists. */
  static async connect(url: string, log: Logger, opts: { window?: number } = {}): Promise<NatsBus> {
    const nc = await connect({ servers: url, name: "brandwache", maxReconnectAttempts: -1 });
    const jsm = await nc.jetstreamManager();
    const config = {
      name: streamName,
      subjects: ["posts.*", "topics.*"],
      retention: RetentionPolicy.Limits,
      max_age: nanos(24 * 3_600_000),
      duplicate_window: nanos(10 * 60_000),
    };
    try {
      await jsm.streams.info(streamName);
      await jsm.streams.update(streamName, config);
    } catch {
      await jsm.streams.add(config);
    }
    return new NatsBus(nc, nc.jetstream(), log, opts.window ?? 256);
  }

  async publish(subject: Subject, payload: unknown, opts: { id?: string } = {}): Promise<void> {
    // A window of unacknowledged publishes: far faster than awaiting each ack, still bounded.
    while (this.inFlight.size >= this.window) await Promise.race(this.inFlight);
    const p = this.js.publish(
      subject,
      codec.encode(payload),
      opts.id ? { msgID: `${subject}:${opts.id}` } : undefined,
    );
    const tracked: Promise<unknown> = p.then(
      (): void => {
        this.inFlight.delete(tracked);
      },
      (error): never => {
        this.inFlight.delete(tracked);
        this.log.error({ err: error, subject }, "publish failed");
        throw error;
      },
    );
    this.inFlight.add(tracked);
    tracked.catch(() => {});
  }

  consume(
    subject: Subject,
    group: string,
    handler: BatchHandler,
    opts: { batchSize?: number } = {},
  ): Consumer {
    const durable = `${group}-${subject.replace(/[.*>]/g, "_")}`;
    const batchSize = opts.batchSize ?? 100;
    let stopped = false;
    const loop = (async () => {
      const jsm = await this.nc.jetstreamManager();
      await jsm.consumers.add(streamName, {
        durable_name: durable,
        filter_subject: subject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(30_000),
        max_deliver: 20,
      });
      const consumer = await this.js.consumers.get(streamName, durable);
      while (!stopped && !this.nc.isClosed()) {
        const messages = await consumer.fetch({ max_messages: batchSize, expires: 1000 });
        const batch = [];
        for await (const m of messages) batch.push(m);
        if (batch.length === 0) continue;
        try {
          await handler(batch.map((m) => codec.decode(m.data)));
          for (const m of batch) m.ack();
        } catch (error) {
          this.log.warn(
            { err: error, subject, group, size: batch.length },
            "batch failed; will be redelivered",
          );
          for (const m of batch) m.nak(1000);
        }
      }
    })().catch((error) => {
      if (!stopped) this.log.error({ err: error, subject, group }, "consumer stopped");
    });
    const c: Consumer = {
      stop: async () => {
        stopped = true;
        await loop;
      },
    };
    this.consumers.push(c);
    return c;
  }

  listen(subject: Subject, handler: (payload: unknown) => void): () => void {
    const sub = this.nc.subscribe(subject, {
      callback: (error, msg) => {
        if (error) return this.log.warn({ err: error, subject }, "listener error");
        try {
          handler(codec.decode(msg.data));
        } catch (e) {
          this.log.error({ err: e, subject }, "bus listener failed");
        }
      },
    });
    return () => sub.unsubscribe();
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    await this.idle();
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.nc.drain();
  }
}
