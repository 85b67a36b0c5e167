/** Subjects of the bus, named with the API's verbs. */
export type Subject =
  | "posts.ingested"
  | "posts.assessed"
  | "posts.stored"
  | "topics.changed"
  | "risk.changed"
  | "alerts.changed"
  | "stakeholders.changed";

/** One message of `publishMany`: its payload and, for de-duplication, its id. */
export interface OutgoingMessage {
  payload: unknown;
  id?: string;
}

/** What a handler learns about a batch besides its messages. */
export interface BatchMeta {
  /** Some message of the batch was delivered before (its first handler may have done part of the work). */
  redelivered: boolean;
}

/** Handles a batch of messages; throwing makes the bus deliver the batch again later. */
export type BatchHandler = (payloads: unknown[], meta: BatchMeta) => Promise<void>;

/** A running consumer. */
export interface Consumer {
  /** Stops fetching; resolves when the batch in hand is handled. */
  stop(): Promise<void>;
}

/** The one small interface the pipeline stages talk through: in-process or NATS JetStream. */
export interface Bus {
  readonly kind: "memory" | "nats";
  /**
   * Publishes a JSON-serialisable payload. Resolves once the bus has accepted it and waits while the
   * bus is full (backpressure); over NATS a failure after that is only logged, so use it for broadcasts and
   * `publishMany` where the message must arrive. `id` lets the bus drop a duplicate publish of the same message.
   */
  publish(subject: Subject, payload: unknown, opts?: { id?: string }): Promise<void>;
  /**
   * Publishes several messages of one subject, in order; over NATS those the window admits leave in one socket
   * write instead of one each (awaiting each `publish` flushes it alone). Resolves once the bus holds every
   * message (NATS: JetStream acknowledged each; in-process: queued) and rejects if one could not be published,
   * so a producer never takes a batch as delivered that was not.
   */
  publishMany(subject: Subject, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Work-queue consumption: each message goes to one member of `group`, in batches, at least once. */
  consume(subject: Subject, group: string, handler: BatchHandler, opts?: { batchSize?: number }): Consumer;
  /** Broadcast: every listener in every process sees every message, at most once (for live views and caches). */
  listen(subject: Subject, handler: (payload: unknown) => void): () => void;
  /** Resolves when everything published from this process so far has been accepted and, in-process, handled. */
  idle(): Promise<void>;
  /** Stops consumers, waits for what is in flight, disconnects. */
  close(): Promise<void>;
}
