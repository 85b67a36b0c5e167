// The scale-out pipeline end to end: PostgreSQL, NATS JetStream and separate `brandwache worker` processes,
// one of them killed with SIGKILL in the middle of the stream and a replacement started. Every post must be
// stored exactly once and every alert raised and delivered once.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { connect } from "nats";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel, createRule } from "../../src/alerts/alerts.service.ts";
import { createOrganisation } from "../../src/orgs/orgs.service.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { openRuntime, type Runtime } from "../../src/platform/runtime.ts";
import { PostCreate } from "../../src/posts/posts.schema.ts";
import { publishIngested } from "../../src/posts/posts.service.ts";
import { createTopic } from "../../src/topics/topics.service.ts";
import { buildPost } from "../factories.ts";
import { createScratchDatabase, testDatabaseUrl, testNatsUrl } from "../harness.ts";
import { startHttpReceiver } from "../receivers.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const posts = 2_000;
const threatEvery = 50;
const threat = "Nordwind outage again, you are a bunch of idiots and scammers, I will destroy you";

async function until(what: string, condition: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!testDatabaseUrl || !testNatsUrl)(
  "the pipeline across worker processes (PostgreSQL + NATS)",
  () => {
    const namespace = `scaleout_${randomBytes(4).toString("hex")}`;
    const secretKey = randomBytes(32).toString("base64");
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    let producer: Runtime;
    let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
    let db: pg.Client;
    const workers: ChildProcess[] = [];

    const startWorker = () => {
      const child = spawn(process.execPath, [path.join(root, "bin/brandwache.js"), "worker"], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: scratch.url,
          BRANDWACHE_BUS: testNatsUrl,
          BRANDWACHE_NATS_NAMESPACE: namespace,
          BRANDWACHE_SECRET_KEY: secretKey,
          BRANDWACHE_OUTBOUND_ALLOW: "127.0.0.1",
          BRANDWACHE_DATA: path.join(root, "data", namespace),
          LOG_LEVEL: "error",
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      workers.push(child);
      return child;
    };
    const count = async (query: string) => Number((await db.query(query)).rows[0]?.n ?? 0);

    beforeAll(async () => {
      scratch = await createScratchDatabase(testDatabaseUrl ?? "");
      receiver = await startHttpReceiver();
      // The API side: no pipeline here; it only publishes, as `brandwache serve --no-pipeline` does.
      producer = await openRuntime(
        {
          DATABASE_URL: scratch.url,
          dataDir: "memory://",
          BRANDWACHE_BUS: testNatsUrl ?? "",
          BRANDWACHE_NATS_NAMESPACE: namespace,
          BRANDWACHE_SECRET_KEY: secretKey,
        },
        createLogger("silent"),
        { pipeline: false },
      );
      db = new pg.Client({ connectionString: scratch.url });
      await db.connect();
    }, 60_000);
    afterAll(async () => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGTERM");
      await Promise.all(
        workers.map(
          (w) =>
            new Promise((r) => (w.exitCode !== null || w.signalCode !== null ? r(null) : w.once("exit", r))),
        ),
      );
      await db?.end();
      await producer?.close();
      await receiver?.close();
      await scratch?.drop();
      // The test's own stream goes with it.
      const nc = await connect({ servers: testNatsUrl });
      await (await nc.jetstreamManager()).streams
        .delete(`BRANDWACHE_${namespace.toUpperCase()}`)
        .catch(() => false);
      await nc.close();
    }, 60_000);

    it("stores every post once and raises and delivers every alert once, though a worker is killed", async () => {
      const ctx = producer.ctx;
      const org = await createOrganisation(ctx, { name: "Nordwind Mobil GmbH", slug: "nordwind" });
      const system = { orgId: org.id, system: true } as const;
      const admin = { orgId: org.id, role: "admin" as const, userId: null, tokenId: null };
      await createTopic(ctx, system, { name: "Marke", query: "nordwind" });
      const channel = await createChannel(ctx, admin, {
        name: "Krisenstab",
        config: { kind: "webhook", url: receiver.url("/alerts"), secret: "a-secret-of-enough-length" },
        enabled: true,
      });
      await createRule(ctx, system, {
        name: "Jede Drohung",
        condition: { kind: "priority_post", minPriority: 0.65 },
        severity: "critical",
        cooldownMinutes: 0,
        channelIds: [channel.id],
        enabled: true,
      });

      startWorker();
      const doomed = startWorker();
      const now = Date.now();
      for (let i = 0; i < posts; i++) {
        const post = PostCreate.parse(
          buildPost({
            externalId: `scaleout-${i}`,
            text: i % threatEvery === 0 ? `${threat} (${i})` : `Nordwind Empfang heute ok, danke (${i})`,
            postedAt: new Date(now - (posts - i) * 1000).toISOString(),
            author: { handle: `kunde${i % 300}` },
          }),
        );
        await publishIngested(ctx, org.id, [post], null);
        if (i === Math.floor(posts / 3)) {
          await ctx.bus.idle();
          // Killed without warning in the middle of the stream; a replacement starts.
          await until(
            "a third stored",
            async () => (await count("select count(*) n from posts")) > 0,
            120_000,
          );
          doomed.kill("SIGKILL");
          startWorker();
        }
      }
      await ctx.bus.idle();

      await until(
        "every post stored",
        async () => (await count("select count(*) n from posts")) >= posts,
        180_000,
      );
      const alertsExpected = posts / threatEvery;
      await until(
        "every alert raised",
        async () => (await count("select count(*) n from alerts")) >= alertsExpected,
        60_000,
      );
      // A delivery the killed worker had claimed is taken over when its claim runs out (2 minutes).
      await until(
        "every alert delivered",
        async () =>
          (await count("select count(*) n from alert_deliveries where state = 'sent'")) >= alertsExpected,
        150_000,
      );
      // A moment for late duplicates to show if there were any.
      await new Promise((r) => setTimeout(r, 2_000));

      expect(await count("select count(*) n from posts")).toBe(posts);
      expect(await count("select count(distinct external_id) n from posts")).toBe(posts);
      expect(await count("select count(*) n from alerts")).toBe(alertsExpected);
      expect(await count("select count(distinct post_ids->>0) n from alerts")).toBe(alertsExpected);
      expect(await count("select count(*) n from alert_deliveries")).toBe(alertsExpected);
      // Every alert reached the receiver under its own delivery id. The killed worker may have died with one
      // send in flight — the receiver answered, the answer was never recorded — and that delivery went out once
      // more, with the same id, when its claim ran out: at least once, de-duplicated on the id (docs/ALERTS.md).
      const deliveryIds = receiver.requests.map((r) => r.headers["x-brandwache-delivery"]);
      expect(new Set(deliveryIds).size).toBe(alertsExpected);
      expect(deliveryIds.length).toBeLessThanOrEqual(alertsExpected + 1);
    }, 300_000);
  },
);
