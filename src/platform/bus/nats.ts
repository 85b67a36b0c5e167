import {
  AckPolicy,
  connect,
  DeliverPolicy,
  type JetStreamClient,
  JSONCodec,
  type JsMsg,
  type NatsConnection,
  nanos,
  RetentionPolicy,
} from "nats";
import type { Logger } from "../logger.ts";
import type { BatchHandler, Bus, Consumer, OutgoingMessage, Subject } from "./bus.ts";

const codec = JSONCodec();

/**
 * How long a delivered message may stay unacknowledged before the server sends it again. Short, because a
 * pull that the client gave up on (nats.js closes a fetch after 1.05 × its expiry, and a busy event loop can
 * miss the server's answer) loses its messages to the client until then; a long batch keeps its messages
 * by sending `working()` every `workingEveryMs`.
 */
const ackWaitMs = 10_000;
const workingEveryMs = 3_000;

/** The wait before a failed message comes back, by its delivery count (1, 2, …): 1 s doubling, at most 1 min. */
export function nakDelayMs(deliveryCount: number): number {
  return Math.min(1000 * 2 ** Math.max(0, deliveryCount - 1), 60_000);
}

/** Options of `NatsBus.connect`; tests use their own stream and subject prefix so runs and deployments stay apart. */
export interface NatsBusOptions {
  /** Publishes in flight before `publish` waits for acknowledgements. */
  window?: number;
  /** JetStream stream holding the messages; `BRANDWACHE` unless a test names its own. */
  stream?: string;
  /** Put before every subject (`test_x.` gives `test_x.posts.ingested`); the stream binds only prefixed subjects. */
  subjectPrefix?: string;
}

/** Bus over NATS JetStream: durable stream, acknowledged pull consumers, redelivery, de-duplication by message id. */
export class NatsBus implements Bus {
  readonly kind = "nats";
  private inFlight = new Set<Promise<void>>();
  private waitingForWindow = 0;
  private consumers: Consumer[] = [];

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly log: Logger,
    private readonly window: number,
    private readonly stream: string,
    private readonly prefix: string,
  ) {}

  /** Connects and makes sure the stream exists. */
  static async connect(url: string, log: Logger, opts: NatsBusOptions = {}): Promise<NatsBus> {
    const stream = opts.stream ?? "BRANDWACHE";
    const prefix = opts.subjectPrefix ?? "";
    const nc = await connect({ servers: url, name: "brandwache", maxReconnectAttempts: -1 });
    const jsm = await nc.jetstreamManager();
    const config = {
      name: stream,
      subjects: [
        `${prefix}posts.*`,
        `${prefix}topics.*`,
        `${prefix}risk.*`,
        `${prefix}alerts.*`,
        `${prefix}stakeholders.*`,
      ],
      retention: RetentionPolicy.Limits,
      max_age: nanos(24 * 3_600_000),
      duplicate_window: nanos(10 * 60_000),
    };
    try {
      await jsm.streams.info(stream);
      await jsm.streams.update(stream, config);
    } catch {
      await jsm.streams.add(config);
    }
    return new NatsBus(nc, nc.jetstream(), log, opts.window ?? 256, stream, prefix);
  }

  async publish(subject: Subject, payload: unknown, opts: { id?: string } = {}): Promise<void> {
    if (this.inFlight.size >= this.window) await this.waitForWindow();
    this.start(subject, payload, opts.id);
  }

  async publishMany(subject: Subject, messages: readonly OutgoingMessage[]): Promise<void> {
    // Started without a pause while the window has room: nats.js writes what was queued in one go.
    const acks: Promise<unknown>[] = [];
    for (const m of messages) {
      if (this.inFlight.size >= this.window) await this.waitForWindow();
      acks.push(this.start(subject, m.payload, m.id));
    }
    // Resolved once JetStream holds every message: the caller (a stage acknowledging its batch, a connector
    // advancing its cursor, the API answering 202) learns of a failure itself.
    const failed = (await Promise.allSettled(acks)).filter((r) => r.status === "rejected").length;
    if (failed > 0) {
      throw new Error(`${failed} of ${messages.length} publishes to JetStream failed; send them again`);
    }
  }

  /** A window of unacknowledged publishes: far faster than awaiting each ack, still bounded. */
  private async waitForWindow(): Promise<void> {
    this.waitingForWindow++;
    try {
      while (this.inFlight.size >= this.window) await Promise.race(this.inFlight);
    } finally {
      this.waitingForWindow--;
    }
  }

  /** Hands one message to JetStream and tracks its acknowledgement; returns the acknowledgement. */
  private start(subject: Subject, payload: unknown, id: string | undefined): Promise<unknown> {
    const p = this.js.publish(
      this.prefix + subject,
      codec.encode(payload),
      id ? { msgID: `${subject}:${id}` } : undefined,
    );
    // Never rejects: a failed publish is logged here, and must not fail another publish racing for the window.
    const tracked: Promise<void> = p.then(
      () => {
        this.inFlight.delete(tracked);
      },
      (error: unknown) => {
        this.inFlight.delete(tracked);
        this.log.error({ err: error, subject }, "publish failed");
      },
    );
    this.inFlight.add(tracked);
    return p;
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
    // The shortest pull nats.js allows; a full batch returns at once under load.
    const fetchExpiresMs = 1_000;
    const handle = async (batch: JsMsg[]) => {
      // A batch that takes longer than ack_wait keeps its messages by telling the server it is working.
      const working = setInterval(() => {
        for (const m of batch) m.working();
      }, workingEveryMs);
      try {
        await handler(
          batch.map((m) => codec.decode(m.data)),
          { redelivered: batch.some((m) => m.redelivered) },
        );
        for (const m of batch) m.ack();
      } catch (error) {
        // Back off per message (1 s, 2 s, 4 s … 1 min): a database outage of any length loses nothing.
        const delays = batch.map((m) => nakDelayMs(m.info.deliveryCount));
        this.log.warn(
          { err: error, subject, group, size: batch.length, retryInMs: Math.min(...delays) },
          "batch failed; will be redelivered",
        );
        for (const [i, m] of batch.entries()) m.nak(delays[i]);
      } finally {
        clearInterval(working);
      }
    };
    const loop = (async () => {
      let failures = 0;
      // A consumer that fails (server restart, stream recreated, network) is set up again with back-off,
      // never left stopped: messages wait in the stream meanwhile.
      while (!stopped && !this.nc.isClosed()) {
        try {
          const jsm = await this.nc.jetstreamManager();
          const settings = { ack_wait: nanos(ackWaitMs), max_deliver: -1 };
          try {
            await jsm.consumers.add(this.stream, {
              durable_name: durable,
              filter_subject: this.prefix + subject,
              ack_policy: AckPolicy.Explicit,
              deliver_policy: DeliverPolicy.All,
              ...settings,
            });
          } catch (error) {
            // A durable made by an earlier version with other settings: bring it up to date.
            if (!/already exists/iu.test(String(error))) throw error;
            await jsm.consumers.update(this.stream, durable, settings);
          }
          const consumer = await this.js.consumers.get(this.stream, durable);
          failures = 0;
          while (!stopped && !this.nc.isClosed()) {
            const messages = await consumer.fetch({ max_messages: batchSize, expires: fetchExpiresMs });
            const batch: JsMsg[] = [];
            for await (const m of messages) batch.push(m);
            if (batch.length > 0) await handle(batch);
          }
        } catch (error) {
          if (stopped || this.nc.isClosed()) break;
          failures++;
          const waitMs = Math.min(100 * 2 ** failures, 5_000);
          this.log.warn(
            { err: error, subject, group, retryInMs: waitMs },
            "consumer failed; starting it again",
          );
          await new Promise((r) => setTimeout(r, waitMs));
        }
      }
    })();
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
    const sub = this.nc.subscribe(this.prefix + subject, {
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
    // Publishes still waiting for the window count too: they are in flight from the caller's view.
    while (this.inFlight.size > 0 || this.waitingForWindow > 0) await Promise.all(this.inFlight);
  }

  async close(): Promise<void> {
    // Consumers first: the batches they finish may publish, and those publishes must be flushed too.
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.idle();
    await this.nc.drain();
  }
}
