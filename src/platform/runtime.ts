import { createEscalationMonitor, type EscalationMonitor } from "../escalation/escalation.service.ts";
import type { Pipeline } from "../pipeline/pipeline.ts";
import { startPipeline } from "../pipeline/pipeline.ts";
import { createRiskAssessor, type RiskAssessor } from "../risk/risk.service.ts";
import type { Bus } from "./bus/bus.ts";
import { openBus } from "./bus/open.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { AppContext } from "./context.ts";
import { type Database, openDatabase } from "./db/client.ts";
import type { Env } from "./env.ts";
import { createMetrics, type Metrics } from "./http/metrics.ts";
import { type Ids, randomIds } from "./ids.ts";
import { categoryLogger, type Logger } from "./logger.ts";

/** Everything a process needs to run services: database, bus, pipeline, metrics. */
export interface Runtime {
  ctx: AppContext;
  database: Database;
  metrics: Metrics;
  pipeline: Pipeline | null;
  /** The risk engine with each organisation's profile, shared by the pipeline and the API. */
  risk: RiskAssessor;
  /** Per-topic escalation, fed by stored posts (broadcast, so every serve process has it). */
  escalation: EscalationMonitor;
  /** Stops the pipeline after in-flight batches, flushes the bus, closes the database. */
  close(): Promise<void>;
}

/** Opens the database (migrating it), the bus and, if asked, this process's pipeline stages. */
export async function openRuntime(
  env: Pick<Env, "DATABASE_URL" | "dataDir" | "BRANDWACHE_BUS">,
  log: Logger,
  opts: { pipeline: boolean; clock?: Clock; ids?: Ids },
): Promise<Runtime> {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir });
  let bus: Bus | undefined;
  try {
    await database.migrate();
    bus = await openBus(env.BRANDWACHE_BUS, categoryLogger(log, "bus"));
  } catch (error) {
    await database.close();
    throw error;
  }
  const ctx: AppContext = {
    db: database.db,
    bus,
    clock: opts.clock ?? systemClock,
    ids: opts.ids ?? randomIds,
    log,
  };
  const metrics = createMetrics();
  const risk = createRiskAssessor(ctx);
  const escalation = createEscalationMonitor(ctx);
  const pipeline = opts.pipeline ? startPipeline(ctx, risk, metrics) : null;
  log.info({ database: database.kind, bus: bus.kind, pipeline: Boolean(pipeline) }, "runtime ready");
  return {
    ctx,
    database,
    metrics,
    pipeline,
    risk,
    escalation,
    async close() {
      // Order matters for "finish in-flight writes": let queued posts reach the database, then stop.
      await ctx.bus.idle();
      await pipeline?.stop();
      risk.close();
      escalation.close();
      await ctx.bus.close();
      await database.close();
    },
  };
}
