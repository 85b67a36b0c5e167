import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { registerAccountRoutes } from "../../accounts/accounts.routes.ts";
import { registerAlertRoutes } from "../../alerts/alerts.routes.ts";
import { registerAuditRoutes } from "../../audit/audit.routes.ts";
import { registerConnectorRoutes } from "../../connectors/connectors.routes.ts";
import { registerEscalationRoutes } from "../../escalation/escalation.routes.ts";
import type { EscalationMonitor } from "../../escalation/escalation.service.ts";
import { registerEvidenceRoutes } from "../../evidence/evidence.routes.ts";
import { registerInboxRoutes } from "../../inbox/inbox.routes.ts";
import { registerIncidentRoutes } from "../../incidents/incidents.routes.ts";
import { registerOrgRoutes } from "../../orgs/orgs.routes.ts";
import { registerPlaybooksRoutes } from "../../playbooks/playbooks.routes.ts";
import { registerPostRoutes } from "../../posts/posts.routes.ts";
import { registerPublishingRoutes } from "../../publishing/publishing.routes.ts";
import { registerReportRoutes } from "../../reports/reports.routes.ts";
import { registerRiskRoutes } from "../../risk/risk.routes.ts";
import type { RiskAssessor } from "../../risk/risk.service.ts";
import { registerSourceRoutes } from "../../sources/sources.routes.ts";
import { registerStakeholderRoutes } from "../../stakeholders/stakeholders.routes.ts";
import { registerTopicRoutes } from "../../topics/topics.routes.ts";
import { registerTrainingRoutes } from "../../training/training.routes.ts";
import type { AppContext } from "../context.ts";
import { pingDatabase } from "../db/client.ts";
import type { Env } from "../env.ts";
import { categoryLogger } from "../logger.ts";
import type { OutboundPolicy } from "../net/outbound.ts";
import type { Alerting } from "../runtime.ts";
import { registerAuth } from "./auth.ts";
import { AppError } from "./errors.ts";
import type { Metrics } from "./metrics.ts";
import { problem } from "./problem.ts";

/** A Fastify instance with the zod type provider: what every `*.routes.ts` registers on. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Options of the HTTP app. */
export interface AppOptions {
  ctx: AppContext;
  env: Pick<Env, "BRANDWACHE_SECURE_COOKIES" | "BRANDWACHE_LOGIN_RATE" | "BRANDWACHE_SESSION_HOURS"> &
    Partial<Pick<Env, "BRANDWACHE_TRAINING_DIR">> &
    Partial<Pick<Env, "BRANDWACHE_CHROMIUM_PATH" | "CHROME_PATH" | "BRANDWACHE_TSA_URL">>;
  metrics: Metrics;
  /** The risk engine shared with the pipeline. */
  risk: RiskAssessor;
  /** The per-topic escalation of this process. */
  escalation: EscalationMonitor;
  /** Sends test messages through alert channels; links point at its public URL. */
  alerting: Alerting;
  /** The SSRF policy for connector requests made from the API (poll now). */
  connectorPolicy: OutboundPolicy;
  /** Folder of the built web app; not served when absent. */
  webDist?: string;
}

/** The default location of the built web app. */
export const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../web/dist");

/** Builds the HTTP app: API, OpenAPI docs, health, metrics and the web app. */
export async function buildApp(opts: AppOptions) {
  const { ctx, metrics } = opts;
  const app = Fastify({
    loggerInstance: categoryLogger(ctx.log, "http") as FastifyBaseLogger,
    // Per-request lines would drown the log (the live stream and the Overview poll); /metrics counts them instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(error.status)
        .type("application/problem+json")
        .send(problem(error.status, error.code, error.message, error.errors));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        field: `${error.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`.replace(
          /^body\./,
          "",
        ),
        message: v.message ?? "invalid",
      }));
      const detail = `Invalid ${error.validationContext ?? "request"}: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`;
      return reply
        .code(400)
        .type("application/problem+json")
        .send(problem(400, "validation_failed", detail, errors));
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return reply
        .code(429)
        .type("application/problem+json")
        .send(problem(429, "rate_limited", "Too many attempts; wait a minute and try again"));
    }
    if (status >= 400 && status < 500) {
      const code = status === 413 ? "payload_too_large" : status === 404 ? "not_found" : "bad_request";
      return reply
        .code(status)
        .type("application/problem+json")
        .send(problem(status, code, error.message));
    }
    request.log.error({ err: error, url: request.url }, "request failed");
    return reply
      .code(500)
      .type("application/problem+json")
      .send(problem(500, "internal", "Something went wrong on our side"));
  });

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    if (!request.url.startsWith("/api/docs")) {
      reply.header(
        "content-security-policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
    }
  });
  app.addHook("onResponse", async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Brandwache API",
        version: "0.1.0",
        description:
          "Social media risk management: posts, tracked topics, incidents, members and the audit log.",
        license: { name: "MIT", identifier: "MIT" },
      },
      servers: [{ url: "/", description: "This Brandwache server" }],
      components: {
        securitySchemes: {
          session: {
            type: "apiKey",
            in: "cookie",
            name: "bw_session",
            description: "Browser session; writes also need the x-csrf-token header",
          },
          token: {
            type: "http",
            scheme: "bearer",
            description: "API token created under Settings → API tokens",
          },
        },
      },
      security: [{ session: [] }, { token: [] }],
      tags: [
        { name: "auth", description: "Sign in and out" },
        { name: "posts", description: "Mentions: ingest, list, search, live stream, volume" },
        { name: "topics", description: "Tracked topics and their Boolean queries" },
        { name: "incidents", description: "Incidents the team works on" },
        { name: "members", description: "Members of the organisation and their roles" },
        { name: "tokens", description: "API tokens for machine clients" },
        { name: "sources", description: "Where posts come from" },
        { name: "audit", description: "The audit log" },
        { name: "risk", description: "Risk profile, block lists and on-demand analysis" },
        { name: "escalation", description: "Escalation level of each tracked topic" },
        {
          name: "reports",
          description: "Situation reports: a period's figures beside the period before, and what changed",
        },
        {
          name: "accounts",
          description: "Official accounts: security posture, takeover signs, lockdown; lookalike accounts",
        },
        {
          name: "alerts",
          description: "Alerts, the rules that raise them and the channels they are delivered to",
        },
        {
          name: "training",
          description: "The crisis simulator: scenario library, exercises, console, debrief, certificates",
        },
        { name: "operations", description: "Health and metrics" },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  registerAuth(app, ctx);
  registerOrgRoutes(app, opts);
  registerTopicRoutes(app, ctx);
  registerPostRoutes(app, opts);
  registerIncidentRoutes(app, opts);
  registerSourceRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerRiskRoutes(app, opts);
  registerEscalationRoutes(app, opts);
  registerAlertRoutes(app, opts);
  registerStakeholderRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerConnectorRoutes(app, opts);
  registerInboxRoutes(app, opts);
  registerPublishingRoutes(app, opts);
  registerPlaybooksRoutes(app, opts);
  registerEvidenceRoutes(app, opts);
  registerTrainingRoutes(app, opts);

  app.get("/healthz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await pingDatabase(ctx.db);
      return { status: "ok", database: "ok", bus: ctx.bus.kind };
    } catch (error) {
      reply.code(503);
      return { status: "unavailable", database: String(error) };
    }
  });
  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  const webDist = opts.webDist ?? defaultWebDist;
  const hasWeb = fs.existsSync(path.join(webDist, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // Asset names carry a content hash, so they can be cached for good; index.html must never be.
      setHeaders: (reply, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          reply.header("cache-control", "public, max-age=31536000, immutable");
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === "GET" && !request.url.startsWith("/api/") && hasWeb;
    if (isPage) return reply.header("cache-control", "no-cache").type("text/html").sendFile("index.html");
    return reply
      .code(404)
      .type("application/problem+json")
      .send(problem(404, "not_found", `No route ${request.method} ${request.url.split("?")[0]}`));
  });
  return app;
}
