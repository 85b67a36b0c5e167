import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

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
  return {
    registry,
    httpDuration,
    postsStored,
    postsIngested,
    ingestRejected,
    stored: (n: number) => postsStored.inc(n),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
