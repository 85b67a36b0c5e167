import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Role } from "../src/orgs/orgs.schema.ts";
import { addMember, createOrganisation } from "../src/orgs/orgs.service.ts";
import type { Clock } from "../src/platform/clock.ts";
import { buildApp } from "../src/platform/http/app.ts";
import { createLogger } from "../src/platform/logger.ts";
import { type AlertingEnv, openRuntime, type Runtime } from "../src/platform/runtime.ts";

// Tests read their service addresses here (not through src/platform/env.ts, which configures the product).
/** PostgreSQL server for integration tests; unset on a laptop with nothing but Node. */
export const testDatabaseUrl = process.env.BRANDWACHE_TEST_DATABASE_URL;
/** NATS server with JetStream for integration tests. */
export const testNatsUrl = process.env.BRANDWACHE_TEST_NATS_URL;

if (!testDatabaseUrl) {
  console.warn(
    "notice: BRANDWACHE_TEST_DATABASE_URL is not set; PostgreSQL integration tests are skipped (PGlite ones run).",
  );
}
if (!testNatsUrl)
  console.warn("notice: BRANDWACHE_TEST_NATS_URL is not set; NATS integration tests are skipped.");

/** The databases the data-access tests run against: always PGlite, PostgreSQL when configured. */
export const databaseKinds: ("pglite" | "postgres")[] = testDatabaseUrl ? ["pglite", "postgres"] : ["pglite"];

/** Creates an empty PostgreSQL database for one test file; the returned function drops it. */
export async function createScratchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bw_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A runtime on a fresh database of the given kind, with the in-process bus and pipeline. */
export async function startTestRuntime(
  kind: "pglite" | "postgres",
  opts: {
    clock?: Clock;
    bus?: string;
    alerting?: AlertingEnv;
    alertLoops?: boolean;
    /** The escalation monitor's process-wide budget (BRANDWACHE_CAMPAIGN_POSTS, BRANDWACHE_KNOWN_AUTHORS). */
    escalation?: { campaignPosts: number; knownAuthors: number };
  } = {},
): Promise<Runtime & { dispose(): Promise<void> }> {
  const scratch =
    kind === "postgres" && testDatabaseUrl ? await createScratchDatabase(testDatabaseUrl) : null;
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const runtime = await openRuntime(
    {
      DATABASE_URL: scratch?.url,
      dataDir: "memory://",
      BRANDWACHE_BUS: opts.bus ?? "memory",
      ...opts.alerting,
      ...(opts.escalation
        ? {
            BRANDWACHE_CAMPAIGN_POSTS: opts.escalation.campaignPosts,
            BRANDWACHE_KNOWN_AUTHORS: opts.escalation.knownAuthors,
          }
        : {}),
    },
    log,
    {
      pipeline: true,
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.alertLoops !== undefined ? { alertLoops: opts.alertLoops } : {}),
    },
  );
  return {
    ...runtime,
    async dispose() {
      await runtime.close();
      await scratch?.drop();
    },
  };
}

/** The HTTP app over a test runtime, without the web build. */
export async function startTestApp(runtime: Runtime, env: { loginRate?: number } = {}) {
  const app = await buildApp({
    ctx: runtime.ctx,
    env: {
      BRANDWACHE_SECURE_COOKIES: true,
      BRANDWACHE_LOGIN_RATE: env.loginRate ?? 1000,
      BRANDWACHE_SESSION_HOURS: 12,
    },
    metrics: runtime.metrics,
    risk: runtime.risk,
    escalation: runtime.escalation,
    alerting: runtime.alerting,
    connectorPolicy: runtime.connectorPolicy,
    webDist: "/nonexistent",
  });
  await app.ready();
  return app;
}

/** A password every test user gets. */
export const testPassword = "test-password-123";

/** Creates an organisation with one member of the given role. */
export async function seedOrganisation(runtime: Runtime, slug: string, role: Role = "admin") {
  const org = await createOrganisation(runtime.ctx, { name: `${slug} GmbH`, slug });
  const email = `${role}@${slug}.example`;
  const member = await addMember(
    runtime.ctx,
    { orgId: org.id, system: true },
    { email, name: `${role} of ${slug}`, role, password: testPassword },
  );
  return { org, member, email };
}

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Signs in through the API and returns what a browser would hold: the cookie and the CSRF token. */
export async function signIn(app: App, email: string, password = testPassword) {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "bw_session");
  if (!cookie) throw new Error("no session cookie");
  const session = res.json() as { csrfToken: string; org: { id: string } };
  const headers = { cookie: `bw_session=${cookie.value}`, "x-csrf-token": session.csrfToken };
  return { headers, session, cookie };
}
