import { deliverAlert } from "../alerts/alerts.channels.ts";
import {
  type DispatchResult,
  dispatchDueDeliveries,
  type SendAlert,
  startDispatcher,
} from "../alerts/alerts.dispatcher.ts";
import { type AlertEngine, createAlertEngine, startTopicChecks } from "../alerts/alerts.engine.ts";
import { sealAuditBacklog } from "../audit/audit.service.ts";
import { startConnectorRunner } from "../connectors/connectors.runner.ts";
import { startStreamRunner } from "../connectors/connectors.stream.ts";
import {
  createEscalationMonitor,
  defaultEscalationBudget,
  type EscalationMonitor,
} from "../escalation/escalation.service.ts";
import { startEvidenceJobs } from "../evidence/evidence.jobs.ts";
import { startInboxJobs } from "../inbox/inbox.jobs.ts";
import { noteAlertOnIncidents, startIncidentJobs } from "../incidents/incidents.jobs.ts";
import { startAlertStage } from "../pipeline/alert.stage.ts";
import type { Pipeline } from "../pipeline/pipeline.ts";
import { startPipeline } from "../pipeline/pipeline.ts";
import { startReportDigests } from "../reports/reports.digest.ts";
import { createRiskAssessor, type RiskAssessor } from "../risk/risk.service.ts";
import { startTrainingJobs } from "../training/training.runner.ts";
import type { Bus } from "./bus/bus.ts";
import { openBus } from "./bus/open.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { AppContext } from "./context.ts";
import { createSecretBox, loadSecretKey } from "./crypto/secrets.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { defaultMaintenanceOptions, startDatabaseMaintenance } from "./db/maintenance.ts";
import type { Env } from "./env.ts";
import { createMetrics, type Metrics } from "./http/metrics.ts";
import { type Ids, randomIds } from "./ids.ts";
import { categoryLogger, type Logger } from "./logger.ts";
import { type OutboundPolicy, parseOutboundAllow } from "./net/outbound.ts";
import { closeRenderer } from "./render/chromium.ts";

/** Alert delivery of this process: how to send through a channel, and the app's address for links. */
export interface Alerting {
  send: SendAlert;
  publicUrl: string;
}

/** The settings alerting reads; all optional (tests and one-off commands leave them out). */
export type AlertingEnv = Partial<
  Pick<
    Env,
    | "BRANDWACHE_PUBLIC_URL"
    | "BRANDWACHE_SMTP_URL"
    | "BRANDWACHE_SMTP_FROM"
    | "BRANDWACHE_OUTBOUND_ALLOW"
    | "BRANDWACHE_ALERT_CHECK_SECONDS"
    | "PORT"
  >
>;

/** The alert sender for the given settings: SMTP for e-mail, the SSRF-guarded HTTP client for the rest. */
export function createAlerting(env: AlertingEnv, policy: OutboundPolicy): Alerting {
  const smtp = env.BRANDWACHE_SMTP_URL
    ? { url: env.BRANDWACHE_SMTP_URL, from: env.BRANDWACHE_SMTP_FROM ?? "Brandwache <alerts@localhost>" }
    : null;
  return {
    send: (config, message) =>
      deliverAlert(config, message, { smtp, policy, nowSec: () => Math.floor(Date.now() / 1000) }),
    publicUrl: env.BRANDWACHE_PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`,
  };
}

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
  /** Alert delivery (the rules are checked and the outbox worked where the pipeline runs). */
  alerting: Alerting;
  /** The SSRF policy of connector requests (BRANDWACHE_OUTBOUND_ALLOW). */
  connectorPolicy: OutboundPolicy;
  /** The alert engine, and one pass over the delivery outbox now (the loop runs one every few seconds). */
  alerts: { engine: AlertEngine; dispatch(): Promise<DispatchResult> };
  /** Stops the pipeline after in-flight batches, flushes the bus, closes the database. */
  close(): Promise<void>;
}

/** Opens the database (migrating it), the bus and, if asked, this process's pipeline stages. */
export async function openRuntime(
  env: Pick<Env, "DATABASE_URL" | "dataDir" | "BRANDWACHE_BUS"> &
    Partial<
      Pick<
        Env,
        | "BRANDWACHE_SECRET_KEY"
        | "BRANDWACHE_SECRET_KEY_FILE"
        | "BRANDWACHE_NATS_NAMESPACE"
        | "BRANDWACHE_CAMPAIGN_POSTS"
        | "BRANDWACHE_KNOWN_AUTHORS"
        | "BRANDWACHE_DB_MAINTENANCE_MINUTES"
      >
    > &
    AlertingEnv,
  log: Logger,
  opts: {
    pipeline: boolean;
    clock?: Clock;
    ids?: Ids;
    alerting?: Alerting;
    /** Run the periodic alert check and the delivery loop (default where the pipeline runs; tests drive them). */
    alertLoops?: boolean;
  },
): Promise<Runtime> {
  const secretKey = loadSecretKey({
    ...(env.BRANDWACHE_SECRET_KEY ? { key: env.BRANDWACHE_SECRET_KEY } : {}),
    ...(env.BRANDWACHE_SECRET_KEY_FILE ? { keyFile: env.BRANDWACHE_SECRET_KEY_FILE } : {}),
    // With PostgreSQL the key file still lives in the data folder: every process needs the same key.
    dataDir: env.dataDir,
  });
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir });
  let bus: Bus | undefined;
  try {
    await database.migrate();
    // Entries written before the audit log was hash-chained are chained once, in order.
    await sealAuditBacklog(database.db);
    bus = await openBus(env.BRANDWACHE_BUS, categoryLogger(log, "bus"), env.BRANDWACHE_NATS_NAMESPACE);
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
    secrets: createSecretBox(secretKey),
  };
  const metrics = createMetrics();
  const risk = createRiskAssessor(ctx);
  const escalation = createEscalationMonitor(ctx, {
    campaignPosts: env.BRANDWACHE_CAMPAIGN_POSTS ?? defaultEscalationBudget.campaignPosts,
    knownAuthors: env.BRANDWACHE_KNOWN_AUTHORS ?? defaultEscalationBudget.knownAuthors,
  });
  metrics.watchEscalation(() => escalation.memory());
  // One SSRF policy for every request users' URLs make this process send (alert channels, connectors).
  const connectorPolicy = { allow: parseOutboundAllow(env.BRANDWACHE_OUTBOUND_ALLOW) };
  const alerting = opts.alerting ?? createAlerting(env, connectorPolicy);
  const pipeline = opts.pipeline ? startPipeline(ctx, risk, metrics) : null;
  // Where the pipeline runs, alert rules are checked and the delivery outbox is worked off.
  const loops = opts.alertLoops ?? opts.pipeline;
  const dispatcher = loops ? startDispatcher(ctx, alerting.send, { publicUrl: alerting.publicUrl }) : null;
  const engine = createAlertEngine(ctx, escalation, (outcome) => {
    if (outcome.deliveries > 0) dispatcher?.poke();
    noteAlertOnIncidents(ctx, outcome).catch((error) =>
      log.error({ err: error, alertId: outcome.alertId }, "could not note the alert on its incidents"),
    );
  });
  const alertStage = opts.pipeline ? startAlertStage(ctx, engine) : null;
  const connectorRunner = loops ? startConnectorRunner(ctx, { policy: connectorPolicy, metrics }) : null;
  // Live connections (streaming APIs, firehoses) are held where the polls run; a lease per connector
  // makes sure one process holds each.
  const streamRunner = loops ? startStreamRunner(ctx, { policy: connectorPolicy, metrics }) : null;
  const topicChecks = loops
    ? startTopicChecks(engine, (env.BRANDWACHE_ALERT_CHECK_SECONDS ?? 30) * 1000, ctx)
    : null;
  // Service levels, legal clocks and retention are checked where the alert loops run.
  const poke = () => dispatcher?.poke();
  const jobs = loops
    ? [
        startInboxJobs(ctx, { poke }),
        startReportDigests(ctx, { poke }),
        startIncidentJobs(ctx, { escalation, poke }),
        startEvidenceJobs(ctx),
        startTrainingJobs(ctx),
        startDatabaseMaintenance(database, categoryLogger(log, "db"), {
          ...defaultMaintenanceOptions,
          intervalMinutes: env.BRANDWACHE_DB_MAINTENANCE_MINUTES ?? defaultMaintenanceOptions.intervalMinutes,
        }),
      ]
    : [];
  log.info({ database: database.kind, bus: bus.kind, pipeline: Boolean(pipeline) }, "runtime ready");
  return {
    ctx,
    database,
    metrics,
    pipeline,
    risk,
    escalation,
    alerting,
    connectorPolicy,
    alerts: {
      engine,
      dispatch: () => dispatchDueDeliveries(ctx, alerting.send, { publicUrl: alerting.publicUrl }),
    },
    async close() {
      // Order matters for "finish in-flight writes": end the live connections (no new posts), let queued
      // posts reach the database, then stop.
      await streamRunner?.stop();
      await ctx.bus.idle();
      await connectorRunner?.stop();
      await pipeline?.stop();
      await alertStage?.stop();
      await topicChecks?.stop();
      for (const job of jobs) await job.stop();
      await closeRenderer();
      await dispatcher?.stop();
      engine.close();
      risk.close();
      escalation.close();
      await ctx.bus.close();
      await database.close();
    },
  };
}
