import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The Prometheus metrics of one process, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "brandwache_" });
  const httpDuration = new Histogram({
    name: "brandwache_http_request_duration_seconds",
    help: "HTTP request duration by route and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const postsStored = new Counter({
    name: "brandwache_posts_stored_total",
    help: "Posts stored by the pipeline (new posts only; duplicates are not counted)",
    registers: [registry],
  });
  const postsIngested = new Counter({
    name: "brandwache_posts_ingested_total",
    help: "Posts accepted into the pipeline, by source kind",
    labelNames: ["source"] as const,
    registers: [registry],
  });
  const ingestRejected = new Counter({
    name: "brandwache_posts_rejected_total",
    help: "Posts rejected at ingest because they failed validation",
    registers: [registry],
  });
  const connectorPolls = new Counter({
    name: "brandwache_connector_polls_total",
    help: "Connector polls by kind and outcome (ok, rate_limited, transient, auth, config)",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const connectorPosts = new Counter({
    name: "brandwache_connector_posts_total",
    help: "Posts connectors delivered into the pipeline, by kind",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const connectorStates = new Gauge({
    name: "brandwache_connectors",
    help: "Enabled connectors by kind and health state (new, ok, live, rate_limited, transient, auth, config), as of the last runner pass of this process",
    labelNames: ["kind", "state"] as const,
    registers: [registry],
  });
  const liveConnections = new Gauge({
    name: "brandwache_connector_live_connections",
    help: "Live connections (streaming APIs, firehoses) this process holds open, by kind",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const liveConnectionEnds = new Counter({
    name: "brandwache_connector_live_connection_ends_total",
    help: "Ended live connections by kind and outcome (closed by the platform, stopped here, or the failure: rate_limited, transient, auth, config)",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const streamSkipped = new Counter({
    name: "brandwache_connector_stream_skipped_total",
    help: "Messages of live connections that could not be used, by kind and reason (unreadable, not a post, malformed …)",
    labelNames: ["kind", "reason"] as const,
    registers: [registry],
  });
  // What the escalation monitor of this process holds, read when /metrics is scraped.
  let escalationMemory: () => { topics: number; campaignPosts: number; knownAuthors: number } = () => ({
    topics: 0,
    campaignPosts: 0,
    knownAuthors: 0,
  });
  new Gauge({
    name: "brandwache_escalation_entries",
    help: "Entries the escalation monitor of this process holds over all topics: topics, campaign_posts (bounded by BRANDWACHE_CAMPAIGN_POSTS), known_authors (bounded by BRANDWACHE_KNOWN_AUTHORS)",
    labelNames: ["kind"] as const,
    registers: [registry],
    collect() {
      const memory = escalationMemory();
      this.set({ kind: "topics" }, memory.topics);
      this.set({ kind: "campaign_posts" }, memory.campaignPosts);
      this.set({ kind: "known_authors" }, memory.knownAuthors);
    },
  });
  return {
    registry,
    watchEscalation(read: typeof escalationMemory) {
      escalationMemory = read;
    },
    connectorStates,
    liveConnections,
    connectionOpened(kind: string) {
      liveConnections.inc({ kind });
    },
    connectionEnded(kind: string, outcome: string) {
      liveConnections.dec({ kind });
      liveConnectionEnds.inc({ kind, outcome });
    },
    connectorStreamed(kind: string, posts: number) {
      if (posts > 0) connectorPosts.inc({ kind }, posts);
    },
    connectorStreamSkipped(kind: string, reason: string, count: number) {
      if (count > 0) streamSkipped.inc({ kind, reason }, count);
    },
    connectorPolled(kind: string, outcome: string, posts: number) {
      connectorPolls.inc({ kind, outcome });
      if (posts > 0) connectorPosts.inc({ kind }, posts);
    },
    httpDuration,
    postsStored,
    postsIngested,
    ingestRejected,
    stored: (n: number) => postsStored.inc(n),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
