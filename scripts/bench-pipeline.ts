/**
 * Benchmark of the whole pipeline: generated posts go ingest (PostCreate) → assess (the full risk engine and
 * topic matching) → store → escalate (the escalation monitor) → alert (a `priority_post` rule), measured
 *   (a) embedded: one process, PGlite in a temp folder, the in-process bus (what `npm start` runs);
 *   (b) PostgreSQL + NATS JetStream: a producer process and `--workers` `brandwache worker` processes, on a
 *       scratch database created and dropped here.
 * Beside them, the physical limits the pipeline runs into, each a micro-benchmark of a few seconds.
 * Usage: npm run bench:pipeline [-- --posts N | --minutes M] [--only embedded|nats] [--workers 2]
 *        [--in-flight 2000] [--paced-seconds 10] [--no-limits] [--cpu-prof DIR]
 * Default: 200,000 posts for (a) and 300,000 for (b), each cut at 50 s of publishing (the run stays near
 * 4 minutes on a small machine); `--posts N` runs exactly N, `--minutes M` publishes for M minutes (the
 * memory check: RSS of every process is sampled every 2 s, the first and last quarter are compared).
 * Addresses: BRANDWACHE_TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test) and
 * BRANDWACHE_TEST_NATS_URL (nats://127.0.0.1:4222); (b) is skipped, and says so, when either is unreachable.
 * The last line of output is one JSON object: { embedded, nats, limits, … }.
 */
import { fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { and, count, eq, sql } from "drizzle-orm";
import { AckPolicy, connect, type JetStreamManager, RetentionPolicy } from "nats";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createRule } from "../src/alerts/alerts.service.ts";
import { alerts } from "../src/alerts/alerts.table.ts";
import { drawInt, drawLogInt, seededRandom } from "../src/core/scenario/seeded-random.ts";
import { tokenize } from "../src/core/text/tokens.ts";
import { createOrganisation } from "../src/orgs/orgs.service.ts";
import { organisations } from "../src/orgs/orgs.table.ts";
import type { Bus } from "../src/platform/bus/bus.ts";
import { weightOf } from "../src/platform/bus/memory.ts";
import { openBus } from "../src/platform/bus/open.ts";
import { systemClock } from "../src/platform/clock.ts";
import type { AppContext } from "../src/platform/context.ts";
import { createSecretBox, parseSecretKey } from "../src/platform/crypto/secrets.ts";
import { type Db, openDatabase } from "../src/platform/db/client.ts";
import { randomIds } from "../src/platform/ids.ts";
import { createLogger, type Logger } from "../src/platform/logger.ts";
import { openRuntime, type Runtime } from "../src/platform/runtime.ts";
import { type Platform, PostCreate } from "../src/posts/posts.schema.ts";
import { publishIngested } from "../src/posts/posts.service.ts";
import { posts } from "../src/posts/posts.table.ts";
import { createTopic } from "../src/topics/topics.service.ts";
import { scriptArgs } from "./lib/args.ts";
import { copyTextRow } from "./lib/copy-text.ts";

const MB = 1024 * 1024;
const databaseUrl = process.env.BRANDWACHE_TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const natsUrl = process.env.BRANDWACHE_TEST_NATS_URL || "nats://127.0.0.1:4222";
const binPath = fileURLToPath(new URL("../bin/brandwache.js", import.meta.url));
// The issue's run sizes; by default each setup also stops publishing after `defaultSeconds`, so that a whole
// run (limits, both setups, the paced probes) stays near 4 minutes on a loaded 2-core machine. `--posts N`
// runs exactly N posts, `--minutes M` publishes for M minutes.
const defaultPosts = { embedded: 200_000, nats: 300_000 };
const defaultSeconds = 50;
const alertEvery = 100; // 1 % of the posts carry a threat that the priority rule alerts on
const sampleMs = 2_000;
// Posts a producer hands over at once (a connector page); fewer when fewer may be in flight.
const pageSize = 50;

// ── Generated posts ─────────────────────────────────────────────────────────────────────────────────

const platforms: Platform[] = ["mastodon", "bluesky", "x", "reddit", "youtube", "facebook", "instagram"];
const germanOpeners = [
  "Seit drei Tagen kein Internet bei Nordwind und die Hotline legt einfach auf.",
  "@nordwind eure Warteschleife ist ein Witz.",
  "Die neue Rechnung von Nordwind ist doppelt so hoch wie letztes Jahr. Ist das noch legal?",
  "Nordwind hat mir schon wieder den Tarif geändert, ohne zu fragen.",
  "Ich warte seit sechs Wochen auf meine Erstattung von Nordwind.",
  "Der Techniker von Nordwind kam heute pünktlich, alles läuft wieder.",
  "Weiß jemand, ob Nordwind die Filiale in Altona schließt?",
  "Nordwind Mobil: Netz in Hamburg seit heute Morgen weg.",
  "Danke an den Support von Nordwind, das ging schnell.",
  "Lohnt sich der Glasfaser-Tarif von Nordwind eigentlich?",
];
const englishOpeners = [
  "Week three without a refund from Nordwind. Anyone else stuck in this loop?",
  "Cancelled my Nordwind contract after the third outage this month.",
  "Shoutout to the Nordwind support team, fixed my issue in ten minutes!",
  "Is the Nordwind fibre plan worth it? Thinking about switching.",
  "@nordwind my bill doubled and nobody can tell me why.",
  "Nordwind network down again in the city centre.",
];
const germanWords = [
  "heute",
  "wieder",
  "Router",
  "Netz",
  "Hamburg",
  "Bremen",
  "Kiel",
  "Montag",
  "Abend",
  "Familie",
  "Homeoffice",
  "Störung",
  "Glasfaser",
  "Rechnung",
  "Kündigung",
  "Warteschleife",
  "Chat",
  "Vertrag",
  "Handy",
  "WLAN",
];
const englishWords = [
  "today",
  "again",
  "router",
  "network",
  "Monday",
  "evening",
  "family",
  "office",
  "outage",
  "fibre",
  "bill",
  "contract",
  "phone",
  "wifi",
  "chat",
  "support",
];
const closers = ["#Störung", "#Nordwind", "😡", "👍", "…", "!!", "Echt jetzt?", "Mal sehen.", ""];
// Threatening insults the risk engine rates high (checked before every run; see prepareOrganisation).
const germanThreats = [
  "Nordwind, ihr dreckigen Betrüger, ich weiß wo ihr wohnt, ich bring euch alle um.",
  "Ich werde euch abstechen, ihr Schweine von Nordwind.",
];
const englishThreats = ["Nordwind you worthless scum, I know where you live and I will kill you all."];

/** Post `i` of a run: the same text, author and figures for the same index; every 100th is a threat. */
function generatePost(
  run: string,
  i: number,
  nowMs: number,
): { raw: Record<string, unknown>; alert: boolean } {
  const random = seededRandom(2026, "bench-pipeline", i);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const alert = i % alertEvery === 42;
  const german = random() < 0.6;
  const opener = alert
    ? pick(german ? germanThreats : englishThreats)
    : pick(german ? germanOpeners : englishOpeners);
  const words = Array.from({ length: drawInt(random, 2, 4) }, () =>
    pick(german ? germanWords : englishWords),
  );
  const user = drawInt(random, 0, 19_999);
  const handle = `${german ? "kunde" : "user"}_${user}`;
  return {
    alert,
    raw: {
      platform: platforms[user % platforms.length],
      externalId: `${run}-${i}`,
      text: `${opener} ${words.join(" ")} ${pick(closers)}`.trim(),
      postedAt: new Date(nowMs).toISOString(),
      author: { handle, displayName: handle.replace("_", " "), followers: drawLogInt(random, 0, 200_000) },
      url: `https://social.example/@${handle}/${i}`,
      metrics: {
        likes: drawInt(random, 0, 500),
        shares: drawInt(random, 0, 80),
        replies: drawInt(random, 0, 40),
      },
    },
  };
}

// ── Small helpers ───────────────────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n)
    ? "–"
    : n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

/** Resident memory of a process in MB from /proc (Linux); null elsewhere or when it has gone. */
function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return pid === process.pid ? process.memoryUsage().rss / MB : null;
  }
}

/** Mean of the first and the last quarter of a series (memory flat or growing over the run). */
function quartiles(values: readonly number[]) {
  const n = Math.max(1, Math.floor(values.length / 4));
  const mean = (xs: readonly number[]) =>
    xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
  return {
    firstQuartileMb: round(mean(values.slice(0, n))),
    lastQuartileMb: round(mean(values.slice(-n))),
    peakMb: round(Math.max(0, ...values)),
  };
}

/** Runs `step` (some work, returning how many units) for about `ms`, or until it returns 0; units per second. */
async function ratePerSec(ms: number, step: () => Promise<number> | number): Promise<number> {
  let units = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    const done = await step();
    if (done === 0) break;
    units += done;
  }
  return Math.round(units / ((performance.now() - start) / 1000));
}

async function reachable(): Promise<{ postgres: string | null; nats: string | null }> {
  let postgres: string | null = null;
  let nats: string | null = null;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    postgres = `PostgreSQL at ${databaseUrl} unreachable: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
  try {
    const nc = await connect({ servers: natsUrl, timeout: 3000, reconnect: false });
    try {
      await (await nc.jetstreamManager()).getAccountInfo();
    } catch (error) {
      nats = `NATS at ${natsUrl} has no JetStream: ${(error as Error).message}`;
    }
    await nc.close();
  } catch (error) {
    nats = `NATS at ${natsUrl} unreachable: ${(error as Error).message}`;
  }
  return { postgres, nats };
}

/** An empty PostgreSQL database on the test server (as test/harness.ts makes them), dropped by `drop`. */
async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bw_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A logger that counts warnings and errors and keeps the first few (the run stays quiet otherwise). */
function countingLogger(): { log: Logger; problems: { count: number; first: string[] } } {
  const problems = { count: 0, first: [] as string[] };
  const log = createLogger("warn", {
    write(line: string) {
      problems.count++;
      if (problems.first.length < 3) problems.first.push(line.trim().slice(0, 400));
    },
  });
  return { log, problems };
}

// ── Physical limits ─────────────────────────────────────────────────────────────────────────────────

// A table shaped like `posts`: its columns, the generated tsvector, its unique, btree and GIN indexes, no foreign keys.
const postsLikeTable = `
  create table bench_posts (
    id text primary key, org_id text not null, source_id text, platform text not null,
    external_id text not null, author_id text not null, text text not null, lang text not null, url text,
    in_reply_to text, posted_at timestamptz not null, ingested_at timestamptz not null,
    metrics jsonb not null default '{}', raw jsonb,
    search tsvector generated always as (to_tsvector(case lang when 'de' then 'german'::regconfig
      when 'en' then 'english'::regconfig else 'simple'::regconfig end, text)) stored);
  create unique index on bench_posts (org_id, platform, external_id);
  create index on bench_posts (org_id, posted_at desc, id desc);
  create index on bench_posts using gin (search);`;
const rowColumns =
  "id, org_id, platform, external_id, author_id, text, lang, url, posted_at, ingested_at, metrics";
const columnCount = 11;

function rowValues(i: number): unknown[] {
  const { raw } = generatePost("limits", i, Date.now());
  const author = raw.author as { handle: string };
  const text = raw.text as string;
  const lang = /[äöüß]|\b(und|ist|die|der)\b/iu.test(text) ? "de" : "en";
  const now = new Date();
  return [
    `r${i}`,
    "org",
    raw.platform,
    raw.externalId,
    `a_${author.handle}`,
    text,
    lang,
    raw.url,
    now,
    now,
    JSON.stringify(raw.metrics),
  ];
}

function multiRowInsert(rows: number): string {
  const tuples = Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: columnCount }, (_, c) => `$${r * columnCount + c + 1}`).join(", ")})`,
  );
  return `insert into bench_posts (${rowColumns}) values ${tuples.join(", ")}`;
}

interface Limits {
  tokenizePostsPerSec: number;
  natsPublishWindowMsgsPerSec: number | null;
  natsPublishAwaitEachMsgsPerSec: number | null;
  natsPullConsumeAckMsgsPerSec: number | null;
  pgSingleRowInsertRowsPerSec: number | null;
  pgMultiRowInsert1000RowsPerSec: number | null;
  pgUnnestInsertRowsPerSec: number | null;
  pgCopyRowsPerSec: number | null;
  pgliteMultiRowInsert1000RowsPerSec: number | null;
}

async function measureTokenize(): Promise<number> {
  const texts = Array.from({ length: 20_000 }, (_, i) => generatePost("limits", i, 0).raw.text as string);
  // The words' lookup: one Map of every word of the corpus, as the detectors look words up in their lexicons.
  const vocabulary = new Map<string, number>();
  for (const text of texts) for (const token of tokenize(text)) vocabulary.set(token.text, vocabulary.size);
  let next = 0;
  let hits = 0;
  const perSec = await ratePerSec(3_000, () => {
    for (let k = 0; k < 500; k++) {
      for (const token of tokenize(texts[next % texts.length] as string))
        if (vocabulary.has(token.text)) hits++;
      next++;
    }
    return 500;
  });
  return hits > 0 ? perSec : 0;
}

async function measureNats(): Promise<
  Pick<
    Limits,
    "natsPublishWindowMsgsPerSec" | "natsPublishAwaitEachMsgsPerSec" | "natsPullConsumeAckMsgsPerSec"
  >
> {
  const tag = randomBytes(4).toString("hex");
  const stream = `BWBENCH_LIMITS_${tag.toUpperCase()}`;
  const subject = `bwbench_${tag}.posts.ingested`;
  const nc = await connect({ servers: natsUrl, name: "brandwache-bench" });
  const jsm: JetStreamManager = await nc.jetstreamManager();
  await jsm.streams.add({ name: stream, subjects: [`bwbench_${tag}.>`], retention: RetentionPolicy.Limits });
  try {
    const js = nc.jetstream();
    const { raw } = generatePost("limits", 1, Date.now());
    const data = new TextEncoder().encode(JSON.stringify({ orgId: "org", sourceId: null, post: raw }));
    let seq = 0;
    const inFlight = new Set<Promise<unknown>>();
    const window = await ratePerSec(3_000, async () => {
      while (inFlight.size >= 256) await Promise.race(inFlight);
      const p: Promise<unknown> = js
        .publish(subject, data, { msgID: `m${seq++}` })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      return 1;
    });
    await Promise.all(inFlight);
    const awaitEach = await ratePerSec(2_000, async () => {
      await js.publish(subject, data, { msgID: `m${seq++}` });
      return 1;
    });
    await jsm.consumers.add(stream, {
      durable_name: "bench",
      ack_policy: AckPolicy.Explicit,
      filter_subject: subject,
    });
    const consumer = await js.consumers.get(stream, "bench");
    let left = seq;
    const consume = await ratePerSec(3_000, async () => {
      if (left <= 0) return 0;
      const messages = await consumer.fetch({ max_messages: 256, expires: 1_000 });
      let n = 0;
      for await (const m of messages) {
        m.ack();
        n++;
      }
      left -= n;
      return n;
    });
    return {
      natsPublishWindowMsgsPerSec: window,
      natsPublishAwaitEachMsgsPerSec: awaitEach,
      natsPullConsumeAckMsgsPerSec: consume,
    };
  } finally {
    await jsm.streams.delete(stream).catch(() => {});
    await nc.close();
  }
}

async function measurePostgres(): Promise<
  Pick<
    Limits,
    | "pgSingleRowInsertRowsPerSec"
    | "pgMultiRowInsert1000RowsPerSec"
    | "pgUnnestInsertRowsPerSec"
    | "pgCopyRowsPerSec"
  >
> {
  const scratch = await createScratchDatabase();
  const client = new pg.Client({ connectionString: scratch.url });
  try {
    await client.connect();
    await client.query(postsLikeTable);
    const rows = Array.from({ length: 20_000 }, (_, i) => rowValues(i));
    let id = 0;
    // A new id and external id per row, so that every insert adds a row (as new posts do).
    const fresh = (row: unknown[]) => {
      const n = id++;
      return [`r${n}`, row[1], row[2], `x${n}`, ...row.slice(4)];
    };
    const single = multiRowInsert(1);
    const singleRow = await ratePerSec(2_000, async () => {
      await client.query(single, fresh(rows[id % rows.length] as unknown[]));
      return 1;
    });
    const thousand = multiRowInsert(1000);
    const multiRow = await ratePerSec(3_000, async () => {
      const params: unknown[] = [];
      for (let r = 0; r < 1000; r++) params.push(...fresh(rows[id % rows.length] as unknown[]));
      await client.query(thousand, params);
      return 1000;
    });
    // One statement with one array parameter per column, as src/platform/db/unnest.ts stores batches.
    const types = [
      "text",
      "text",
      "text",
      "text",
      "text",
      "text",
      "text",
      "text",
      "timestamptz",
      "timestamptz",
      "jsonb",
    ];
    const unnest = `insert into bench_posts (${rowColumns}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`;
    const unnestRows = await ratePerSec(3_000, async () => {
      const columns: unknown[][] = types.map(() => []);
      for (let r = 0; r < 5000; r++) {
        const row = fresh(rows[id % rows.length] as unknown[]);
        for (let c = 0; c < columnCount; c++) columns[c]?.push(row[c]);
      }
      await client.query(unnest, columns);
      return 5000;
    });
    // COPY FROM STDIN in PostgreSQL's text format, 5,000 rows a statement.
    const copyRows = await ratePerSec(3_000, async () => {
      let data = "";
      for (let r = 0; r < 5000; r++) data += copyTextRow(fresh(rows[id % rows.length] as unknown[]));
      await pipeline(
        Readable.from([data]),
        client.query(copyFrom(`copy bench_posts (${rowColumns}) from stdin`)),
      );
      return 5000;
    });
    return {
      pgSingleRowInsertRowsPerSec: singleRow,
      pgMultiRowInsert1000RowsPerSec: multiRow,
      pgUnnestInsertRowsPerSec: unnestRows,
      pgCopyRowsPerSec: copyRows,
    };
  } finally {
    await client.end().catch(() => {});
    await scratch.drop();
  }
}

async function measurePglite(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "brandwache-bench-pglite-"));
  const db = new PGlite(dir);
  try {
    await db.waitReady;
    await db.exec(postsLikeTable);
    const rows = Array.from({ length: 20_000 }, (_, i) => rowValues(i));
    let id = 0;
    const thousand = multiRowInsert(1000);
    return await ratePerSec(3_000, async () => {
      const params: unknown[] = [];
      for (let r = 0; r < 1000; r++) {
        const n = id++;
        const row = rows[n % rows.length] as unknown[];
        params.push(`r${n}`, row[1], row[2], `x${n}`, ...row.slice(4));
      }
      await db.query(thousand, params);
      return 1000;
    });
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// ── Driving a pipeline ──────────────────────────────────────────────────────────────────────────────

/** What the driver needs of a running pipeline, embedded or over NATS. */
interface PipelineUnderTest {
  db: Db;
  orgId: string;
  /** Hands posts to the pipeline in one go, as a connector hands over a page. */
  publish(posts: PostCreate[]): Promise<void>;
  /** Calls back with the number of posts each `posts.stored` broadcast announces. */
  onStored(listener: (posts: number) => void): void;
  workerPids: number[];
  label: string;
}

interface Plan {
  /** Stop after this many posts … */
  posts: number | null;
  /** … or after publishing for this long, whichever comes first. */
  seconds: number | null;
  inFlight: number;
  pacedSeconds: number;
}

interface Sample {
  t: number;
  stored: number;
  rssMb: number;
  /** This process's JavaScript heap in use; RSS beyond it is native memory (PGlite's WebAssembly heap among it). */
  heapMb: number;
  workerRssMb: (number | null)[];
}

interface PhaseResult {
  posts: number;
  pacedPosts: number;
  complete: boolean;
  seconds: number;
  postsPerSec: number;
  p50Ms: number | null;
  p99Ms: number | null;
  alertSamples: number;
  paced: { postsPerSec: number; p50Ms: number | null; p99Ms: number | null; alertSamples: number } | null;
  alertsRaised: number;
  alertsExpected: number;
  alertsForOtherPosts: number;
  peakRssMb: number;
  rss: ReturnType<typeof quartiles>;
  heap: ReturnType<typeof quartiles>;
  workers: ReturnType<typeof quartiles>[];
  threshold: number;
  priorities: { maxOther: number; minThreat: number; sampled: number };
  problems: { count: number; first: string[] };
  note?: string;
  /** JetStream deliveries beyond one per message, per stage (a lost or failed batch comes back after ack_wait). */
  redeliveries?: Record<string, number>;
}

/** Deliveries of each stage's consumer beyond one per message of its subject (after the run has drained). */
async function redeliveriesOf(stream: string, prefix: string): Promise<Record<string, number>> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(stream, { subjects_filter: `${prefix}posts.*` });
    const perSubject = info.state.subjects ?? {};
    const out: Record<string, number> = {};
    for await (const c of jsm.consumers.list(stream)) {
      const subject = c.config.filter_subject ?? "";
      out[c.name] = c.delivered.consumer_seq - (perSubject[subject] ?? 0);
    }
    return out;
  } finally {
    await nc.close();
  }
}

async function countPosts(db: Db, orgId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(posts).where(eq(posts.orgId, orgId));
  return row?.n ?? 0;
}

async function countAlerts(db: Db, orgId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(alerts).where(eq(alerts.orgId, orgId));
  return row?.n ?? 0;
}

/** Waits until `value()` reaches `target`; gives up after `stallMs` without progress. */
async function waitFor(value: () => Promise<number>, target: number, stallMs: number): Promise<boolean> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const now = await value();
    if (now >= target) return true;
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > stallMs) return false;
    await sleep(200);
  }
}

/**
 * Publishes generated posts as fast as the pipeline takes them (at most `inFlight` published but not yet stored),
 * samples stored rows and memory, then offers half the sustained rate for `pacedSeconds` to measure latency
 * below saturation. Latency: publish call → the alert row's `created_at` (set by the alert stage from the real
 * clock when it raises the alert), read from the alerts table at the end.
 */
async function drive(put: PipelineUnderTest, plan: Plan) {
  const run = randomBytes(4).toString("hex");
  let published = 0;
  let storedSeen = 0;
  let storedInDb = 0;
  const stored = () => Math.max(storedSeen, storedInDb);
  let wake: (() => void) | null = null;
  const notify = () => {
    if (wake && published - stored() < plan.inFlight) {
      const w = wake;
      wake = null;
      w();
    }
  };
  put.onStored((posts) => {
    storedSeen += posts;
    notify();
  });
  const saturated = new Map<string, number>();
  const paced = new Map<string, number>();
  const samples: Sample[] = [];
  const start = Date.now();
  // Warm-up (JIT, models, caches, the escalation rebuild): the first 10 % of the posts or of the time.
  const warmPosts = plan.posts ? Math.ceil(plan.posts * 0.1) : Number.POSITIVE_INFINITY;
  const warmMs = plan.seconds ? plan.seconds * 100 : Number.POSITIVE_INFINITY;
  let warm = null as { t: number; stored: number } | null;
  let sampling = false;
  let seenAtLastSample = -1;
  const sample = async () => {
    if (sampling) return;
    sampling = true;
    try {
      // The announcements (posts.stored) count the stored posts as they happen. Counting the rows instead
      // scans every post of the run each time, which on a table of half a million rows took a PostgreSQL
      // backend an eighth of the time and slowed the pipeline it measures more the longer it ran; the rows are
      // counted only when the announcements stand still (a broadcast may be missed) and where the figures are
      // taken: the end of the warm-up and the end of publishing.
      if (storedSeen === seenAtLastSample) storedInDb = await countPosts(put.db, put.orgId);
      seenAtLastSample = storedSeen;
      const t = Date.now();
      notify();
      // Under `node --expose-gc` (`npx tsx --expose-gc …`), memory is sampled right after a full collection:
      // retained memory rather than garbage V8 has not collected yet (costs a pause every sample).
      (globalThis as { gc?: () => void }).gc?.();
      samples.push({
        t: t - start,
        stored: stored(),
        rssMb: rssOf(process.pid) ?? 0,
        heapMb: process.memoryUsage().heapUsed / MB,
        workerRssMb: put.workerPids.map(rssOf),
      });
      if (!warm && (stored() >= warmPosts || t - start >= warmMs)) {
        warm = { t: Date.now(), stored: await countPosts(put.db, put.orgId) };
      }
    } finally {
      sampling = false;
    }
  };
  const sampler = setInterval(() => void sample(), sampleMs);
  let lastReport = { t: start, stored: 0 };
  const reporter = setInterval(() => {
    const now = Date.now();
    const s = samples.at(-1);
    const rate = ((stored() - lastReport.stored) * 1000) / (now - lastReport.t);
    lastReport = { t: now, stored: stored() };
    const workers = s?.workerRssMb.length ? `, workers ${s.workerRssMb.map((r) => fmt(r)).join("/")} MB` : "";
    console.log(
      `  [${put.label}] ${fmt((now - start) / 1000)} s: ${fmt(published)} published, ${fmt(stored())} stored, ${fmt(rate)} posts/s, RSS ${fmt(s?.rssMb)} MB${workers}`,
    );
  }, 10_000);

  // Posts go out in pages of up to `pageSize`, as connectors hand them over (a poll's page, a stream's burst).
  const publishPage = async (first: number, count: number, into: Map<string, number>) => {
    const posts: PostCreate[] = [];
    for (let i = first; i < first + count; i++) {
      const { raw, alert } = generatePost(run, i, Date.now());
      const post = PostCreate.parse(raw); // what every ingest path does first
      if (alert) into.set(post.externalId, Date.now());
      posts.push(post);
    }
    await put.publish(posts);
    published += count;
  };

  try {
    const deadline = plan.seconds ? start + plan.seconds * 1000 : Number.POSITIVE_INFINITY;
    const total = plan.posts ?? Number.MAX_SAFE_INTEGER;
    let i = 0;
    while (i < total && Date.now() < deadline) {
      while (published - stored() >= plan.inFlight) {
        await Promise.race([
          new Promise<void>((resolve) => {
            wake = resolve;
          }),
          sleep(500),
        ]);
      }
      const count = Math.min(pageSize, total - i, plan.inFlight - (published - stored()));
      await publishPage(i, count, saturated);
      i += count;
    }
    // Up to here the pipeline was kept busy; what follows is the drain of the last posts in flight.
    const mainPosts = published;
    const stop = { t: Date.now(), stored: await countPosts(put.db, put.orgId) };
    let complete = await waitFor(() => countPosts(put.db, put.orgId), published, 60_000);
    const end = { t: Date.now(), stored: await countPosts(put.db, put.orgId) };
    complete = (await waitFor(() => countAlerts(put.db, put.orgId), saturated.size, 30_000)) && complete;
    // Sustained: stored rows per second from the end of the warm-up to the end of publishing; from the start
    // or to the end of the drain when the run was too short for that (e.g. fewer posts than may be in flight).
    const usable = warm !== null && warm.stored <= end.stored / 2 ? warm : null;
    const from = usable ?? { t: start, stored: 0 };
    const to = stop.t - from.t >= 2_000 && stop.stored > from.stored ? stop : end;
    const postsPerSec = round(((to.stored - from.stored) * 1000) / Math.max(1, to.t - from.t));

    let pacedRate = 0;
    if (plan.pacedSeconds > 0 && postsPerSec > 0 && complete) {
      pacedRate = Math.max(1, Math.round(postsPerSec / 2));
      console.log(`  [${put.label}] paced probe: ${fmt(pacedRate)} posts/s for ${plan.pacedSeconds} s`);
      const pacedStart = Date.now();
      let k = 0;
      while (Date.now() - pacedStart < plan.pacedSeconds * 1000) {
        const due = Math.floor(((Date.now() - pacedStart) / 1000) * pacedRate);
        while (k < due) {
          const count = Math.min(pageSize, due - k);
          await publishPage(i, count, paced);
          i += count;
          k += count;
        }
        await sleep(5);
      }
      complete = (await waitFor(() => countPosts(put.db, put.orgId), published, 60_000)) && complete;
      complete =
        (await waitFor(() => countAlerts(put.db, put.orgId), saturated.size + paced.size, 30_000)) &&
        complete;
    }
    await sample();

    const rows = await put.db
      .select({ externalId: posts.externalId, createdAt: alerts.createdAt })
      .from(alerts)
      .innerJoin(posts, sql`${posts.id} = ${alerts.postIds}->>0`)
      .where(and(eq(alerts.orgId, put.orgId), eq(alerts.trigger, "priority_post")));
    const latencies = { saturated: [] as number[], paced: [] as number[] };
    let other = 0;
    for (const row of rows) {
      const s = saturated.get(row.externalId);
      const p = paced.get(row.externalId);
      if (s !== undefined) {
        if (s >= from.t) latencies.saturated.push(row.createdAt.getTime() - s);
      } else if (p !== undefined) latencies.paced.push(row.createdAt.getTime() - p);
      else other++;
    }
    latencies.saturated.sort((a, b) => a - b);
    latencies.paced.sort((a, b) => a - b);
    const workerSeries = put.workerPids.map((_, w) =>
      samples.map((s) => s.workerRssMb[w]).filter((r): r is number => typeof r === "number"),
    );
    return {
      posts: mainPosts,
      pacedPosts: published - mainPosts,
      complete,
      seconds: round((end.t - start) / 1000, 1),
      postsPerSec,
      p50Ms: percentile(latencies.saturated, 0.5),
      p99Ms: percentile(latencies.saturated, 0.99),
      alertSamples: latencies.saturated.length,
      paced:
        pacedRate > 0
          ? {
              postsPerSec: pacedRate,
              p50Ms: percentile(latencies.paced, 0.5),
              p99Ms: percentile(latencies.paced, 0.99),
              alertSamples: latencies.paced.length,
            }
          : null,
      alertsRaised: rows.length,
      alertsExpected: saturated.size + paced.size,
      alertsForOtherPosts: other,
      peakRssMb: round(Math.max(0, ...samples.map((s) => s.rssMb))),
      rss: quartiles(samples.map((s) => s.rssMb)),
      heap: quartiles(samples.map((s) => s.heapMb)),
      workers: workerSeries.map(quartiles),
    };
  } finally {
    clearInterval(sampler);
    clearInterval(reporter);
  }
}

/**
 * The organisation, a topic every generated post matches, and the alert rule: `priority_post` with a threshold
 * between the other posts' highest priority and the threats' lowest, found with the same assessor and profile
 * the pipeline uses; cooldown 0, so every threat raises its own alert.
 */
async function prepareOrganisation(runtime: Runtime) {
  const { ctx } = runtime;
  const org = await createOrganisation(ctx, {
    name: "Nordwind Bench GmbH",
    slug: `bench-${randomBytes(4).toString("hex")}`,
  });
  const system = { orgId: org.id, system: true as const };
  const topic = await createTopic(ctx, system, { name: "Nordwind", query: "nordwind" });
  let maxOther = 0;
  let minThreat = 1;
  let sampled = 0;
  const indexes = [
    ...Array.from({ length: 2_000 }, (_, i) => i),
    ...Array.from({ length: 200 }, (_, k) => 42 + alertEvery * (k + 20)),
  ];
  for (const i of indexes) {
    const { raw, alert } = generatePost("sample", i, Date.now());
    const post = PostCreate.parse(raw);
    const { priority } = await runtime.risk.assess(org.id, {
      text: post.text,
      lang: post.lang,
      author: { handle: post.author.handle, displayName: post.author.displayName, platform: post.platform },
    });
    if (alert) minThreat = Math.min(minThreat, priority);
    else maxOther = Math.max(maxOther, priority);
    sampled++;
  }
  if (minThreat <= maxOther) {
    throw new Error(
      `The generated threats (lowest priority ${minThreat}) no longer stand out from the other posts (highest ${maxOther}): the risk engine changed; adjust the texts in scripts/bench-pipeline.ts`,
    );
  }
  const threshold = round((maxOther + minThreat) / 2, 3);
  await createRule(ctx, system, {
    name: "Benchmark: threatening posts",
    topicId: topic.id,
    condition: { kind: "priority_post", minPriority: threshold },
    severity: "critical",
    cooldownMinutes: 0,
    channelIds: [],
    enabled: true,
  });
  return {
    orgId: org.id,
    threshold,
    priorities: { maxOther: round(maxOther, 3), minThreat: round(minThreat, 3), sampled },
  };
}

// ── (a) embedded ────────────────────────────────────────────────────────────────────────────────────

async function runEmbedded(plan: Plan): Promise<PhaseResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "brandwache-bench-embedded-"));
  const { log, problems } = countingLogger();
  try {
    const runtime = await openRuntime({ DATABASE_URL: undefined, dataDir, BRANDWACHE_BUS: "memory" }, log, {
      pipeline: true,
    });
    try {
      const org = await prepareOrganisation(runtime);
      console.log(
        `  [embedded] PGlite in ${dataDir}; alert threshold ${org.threshold} (other posts ≤ ${org.priorities.maxOther}, threats ≥ ${org.priorities.minThreat})`,
      );
      const result = await drive(
        {
          db: runtime.ctx.db,
          orgId: org.orgId,
          publish: (posts) => publishIngested(runtime.ctx, org.orgId, posts, null),
          onStored: (listener) =>
            void runtime.ctx.bus.listen("posts.stored", (payload) => listener(weightOf(payload))),
          workerPids: [],
          label: "embedded",
        },
        plan,
      );
      return { ...result, threshold: org.threshold, priorities: org.priorities, problems };
    } finally {
      await runtime.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

// ── (b) PostgreSQL + NATS ───────────────────────────────────────────────────────────────────────────

async function runNats(plan: Plan, workerCount: number, cpuProfDir: string | null): Promise<PhaseResult> {
  // `--workers 0`: the workers run elsewhere, on the database and bus named by the environment; the run
  // gets its own organisation there (deleted afterwards) instead of a scratch database.
  const external = workerCount === 0;
  const scratch = external ? null : await createScratchDatabase();
  const url = scratch?.url ?? databaseUrl;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "brandwache-bench-nats-"));
  const secretKey = process.env.BRANDWACHE_SECRET_KEY || randomBytes(32).toString("base64");
  // A stream and subjects of its own (BRANDWACHE_NATS_NAMESPACE), so nothing else on the server interferes.
  const namespace = external
    ? process.env.BRANDWACHE_NATS_NAMESPACE || undefined
    : `bwbench_${randomBytes(4).toString("hex")}`;
  const streamName = namespace ? `BRANDWACHE_${namespace.toUpperCase()}` : "BRANDWACHE";
  const { log, problems } = countingLogger();
  const workers: ReturnType<typeof spawn>[] = [];
  const workerProblems = { count: 0, first: [] as string[] };
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  let bus: Bus | undefined;
  let orgId: string | undefined;
  let note = external
    ? `workers elsewhere; database ${new URL(url).host}${new URL(url).pathname}, stream ${streamName}`
    : `stream ${streamName} (BRANDWACHE_NATS_NAMESPACE=${namespace}), deleted afterwards`;
  try {
    // Migrate and set up through the product's own runtime (no pipeline, in-process bus).
    const setup = await openRuntime(
      { DATABASE_URL: url, dataDir, BRANDWACHE_BUS: "memory", BRANDWACHE_SECRET_KEY: secretKey },
      log,
      { pipeline: false },
    );
    const org = await prepareOrganisation(setup).finally(() => setup.close());
    orgId = org.orgId;
    console.log(
      `  [nats] ${scratch ? `scratch database ${new URL(url).pathname.slice(1)}, ` : ""}${note}; alert threshold ${org.threshold}`,
    );

    if (!namespace) {
      const nc = await connect({ servers: natsUrl });
      const jsm = await nc.jetstreamManager();
      for (const durable of ["assess-posts_ingested", "store-posts_assessed", "alerts-posts_stored"]) {
        const info = await jsm.consumers.info(streamName, durable).catch(() => null);
        if (info && info.num_pending + info.num_ack_pending > 0) {
          note += `; ${durable} had ${info.num_pending + info.num_ack_pending} messages waiting before the run`;
        }
      }
      await nc.close();
    }

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      BRANDWACHE_BUS: natsUrl,
      BRANDWACHE_SECRET_KEY: secretKey,
      BRANDWACHE_DATA: dataDir,
      LOG_LEVEL: "warn",
      ...(namespace ? { BRANDWACHE_NATS_NAMESPACE: namespace } : {}),
    };
    for (let w = 0; w < workerCount; w++) {
      const child = spawn(process.execPath, [...cpuProfArgs(cpuProfDir), binPath, "worker"], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      workers.push(child);
      const ready = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`worker ${w + 1} did not start within 180 s`)),
          180_000,
        );
        const onLine = (chunk: Buffer) => {
          for (const line of chunk.toString().split("\n")) {
            if (line.includes("worker is running")) {
              clearTimeout(timer);
              resolve();
            } else if (line.trim()) {
              workerProblems.count++;
              if (workerProblems.first.length < 3) workerProblems.first.push(line.trim().slice(0, 400));
            }
          }
        };
        child.stdout?.on("data", onLine);
        child.stderr?.on("data", onLine);
        child.once("exit", (code) =>
          reject(new Error(`worker ${w + 1} exited with ${code} before it was ready`)),
        );
      });
      await ready;
    }
    if (!external) {
      console.log(`  [nats] ${workerCount} workers running (pids ${workers.map((c) => c.pid).join(", ")})`);
    }

    database = await openDatabase({ url, dataDir });
    bus = await openBus(natsUrl, log, namespace);
    const producerBus = bus;
    const ctx: AppContext = {
      db: database.db,
      bus: producerBus,
      clock: systemClock,
      ids: randomIds,
      log,
      secrets: createSecretBox(parseSecretKey(secretKey, "bench")),
    };
    const result = await drive(
      {
        db: database.db,
        orgId: org.orgId,
        publish: (posts) => publishIngested(ctx, org.orgId, posts, null),
        onStored: (listener) =>
          void producerBus.listen("posts.stored", (payload) => listener(weightOf(payload))),
        workerPids: workers.map((c) => c.pid ?? 0),
        label: "nats",
      },
      plan,
    );
    // Only this run's messages are in a stream of its own; the default stream holds others' too.
    const redeliveries =
      namespace && !external
        ? await redeliveriesOf(streamName, `${namespace}.`).catch(() => undefined)
        : undefined;
    if (external && !result.complete) {
      note +=
        "; the run stalled: are the workers running with the same DATABASE_URL, BRANDWACHE_BUS and BRANDWACHE_NATS_NAMESPACE?";
    }
    return {
      ...result,
      threshold: org.threshold,
      priorities: org.priorities,
      problems: {
        count: problems.count + workerProblems.count,
        first: [...problems.first, ...workerProblems.first].slice(0, 3),
      },
      note,
      ...(redeliveries ? { redeliveries } : {}),
    };
  } finally {
    await Promise.all(
      workers.map(async (child) => {
        if (child.exitCode !== null) return;
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await bus?.close().catch(() => {});
    if (external && database && orgId) {
      // The run's organisation and, by cascade, its posts, authors, topics, rules and alerts.
      const id = orgId;
      await database.db
        .delete(organisations)
        .where(eq(organisations.id, id))
        .catch((error) => console.error(`could not delete the organisation ${id}: ${error}`));
    }
    await database?.close().catch(() => {});
    if (namespace && !external) {
      const nc = await connect({ servers: natsUrl }).catch(() => null);
      if (nc) {
        await (await nc.jetstreamManager()).streams.delete(streamName).catch(() => {});
        await nc.close();
      }
    }
    await scratch?.drop().catch((error) => console.error(`could not drop the scratch database: ${error}`));
    await rm(dataDir, { recursive: true, force: true });
  }
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────────────

/** Node's flags that write a CPU profile of a process into `dir` when it exits (none without a dir). */
function cpuProfArgs(dir: string | null): string[] {
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

async function inChild(
  phase: "embedded" | "nats",
  args: string[],
  cpuProfDir: string | null,
): Promise<PhaseResult> {
  const child = fork(process.argv[1] as string, [...args, "--phase", phase], {
    // (a) is one process: its profile holds the producer, the pipeline and PGlite; (b) profiles the workers.
    execArgv: [...process.execArgv, ...cpuProfArgs(phase === "embedded" ? cpuProfDir : null)],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let message: { result?: PhaseResult; error?: string } | undefined;
  child.on("message", (m) => {
    message = m as typeof message;
  });
  await once(child, "exit");
  if (message?.result) return message.result;
  throw new Error(`${phase} run failed: ${message?.error ?? `exit code ${child.exitCode}`}`);
}

async function main() {
  const values = scriptArgs(
    "npm run bench:pipeline --",
    "Pushes generated posts through ingest, assess, store, escalate and alert: (a) embedded PGlite in one\nprocess, (b) PostgreSQL + NATS with worker processes; prints sustained posts/s, ingest-to-alert p50/p99\nand the physical limits measured in the same run. The last line is one JSON object.",
    {
      posts: {
        type: "string",
        value: "N",
        description: "run exactly N posts (default: 200,000 / 300,000, cut at 50 s)",
      },
      minutes: { type: "string", value: "M", description: "publish for M minutes (the memory check)" },
      only: { type: "string", value: "PROFILE", description: "embedded or nats" },
      workers: { type: "string", value: "N", default: "2", description: "worker processes in (b)" },
      "in-flight": {
        type: "string",
        value: "N",
        default: "2000",
        description: "posts published but not yet stored",
      },
      "paced-seconds": {
        type: "string",
        value: "S",
        default: "10",
        description: "the half-load latency phase",
      },
      "no-limits": { type: "boolean", description: "skip the micro-benchmarks of the limits" },
      "cpu-prof": {
        type: "string",
        value: "DIR",
        description: "write CPU profiles (.cpuprofile) of the embedded process and of each worker into DIR",
      },
      phase: { type: "string", value: "PROFILE", description: "internal: one profile in a child process" },
    },
  );
  const minutes = values.minutes ? Number(values.minutes) : null;
  const planFor = (phase: "embedded" | "nats"): Plan => ({
    posts: minutes ? null : values.posts ? Number(values.posts) : defaultPosts[phase],
    seconds: minutes ? minutes * 60 : values.posts ? null : defaultSeconds,
    inFlight: Number(values["in-flight"]),
    pacedSeconds: Number(values["paced-seconds"]),
  });
  const workerCount = Number(values.workers);
  const cpuProfDir = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : null;
  if (cpuProfDir) await mkdir(cpuProfDir, { recursive: true });

  if (values.phase === "embedded" || values.phase === "nats") {
    try {
      const result =
        values.phase === "embedded"
          ? await runEmbedded(planFor("embedded"))
          : await runNats(planFor("nats"), workerCount, cpuProfDir);
      process.send?.({ result });
    } catch (error) {
      process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exitCode = 1;
    }
    return;
  }

  const cpus = os.cpus();
  const childArgs = process.argv.slice(2);
  const size = (phase: "embedded" | "nats") => {
    const plan = planFor(phase);
    if (!plan.posts) return `publishing for ${fmt((plan.seconds ?? 0) / 60, 1)} min`;
    return plan.seconds
      ? `${fmt(plan.posts)} posts or ${plan.seconds} s of publishing, whichever ends first`
      : `${fmt(plan.posts)} posts`;
  };
  console.log(
    `Brandwache pipeline benchmark — ${cpus.length} × ${cpus[0]?.model ?? "CPU"}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}, Node ${process.version}`,
  );
  console.log(
    `Settings: (a) ${size("embedded")}, (b) ${size("nats")} with ${workerCount || "external"} workers; 1 in ${alertEvery} posts is a threat the alert rule fires on; at most ${fmt(planFor("embedded").inFlight)} posts published but not yet stored; paced probe ${planFor("embedded").pacedSeconds} s at half the sustained rate; warm-up = the first 10 % (excluded)`,
  );
  console.log(
    "Sustained = rows in posts per second from the end of the warm-up to the end of publishing (rows counted at both; the progress lines count the posts.stored announcements). Ingest-to-alert = from the publish call to the alert row's created_at (the alert stage's real clock when it raises the alert), read from the alerts table after the run.",
  );
  const services = await reachable();
  const natsReason = services.postgres ?? services.nats;
  console.log(
    `Services: PostgreSQL ${services.postgres ? "unreachable" : databaseUrl}, NATS ${services.nats ? "unreachable" : natsUrl}`,
  );

  let limits: Limits | null = null;
  if (!values["no-limits"]) {
    console.log("Measuring the physical limits (about 25 s) …");
    const failed: Record<string, string> = {};
    const attempt = async <T>(name: string, skipped: string | null, measure: () => Promise<T>) => {
      if (skipped) {
        failed[name] = skipped;
        return null;
      }
      try {
        return await measure();
      } catch (error) {
        failed[name] = `failed: ${error instanceof Error ? error.message : String(error)}`;
        return null;
      }
    };
    const natsLimits = await attempt("NATS", services.nats, measureNats);
    const pgLimits = await attempt("PostgreSQL", services.postgres, measurePostgres);
    limits = {
      tokenizePostsPerSec: await measureTokenize(),
      natsPublishWindowMsgsPerSec: natsLimits?.natsPublishWindowMsgsPerSec ?? null,
      natsPublishAwaitEachMsgsPerSec: natsLimits?.natsPublishAwaitEachMsgsPerSec ?? null,
      natsPullConsumeAckMsgsPerSec: natsLimits?.natsPullConsumeAckMsgsPerSec ?? null,
      pgSingleRowInsertRowsPerSec: pgLimits?.pgSingleRowInsertRowsPerSec ?? null,
      pgMultiRowInsert1000RowsPerSec: pgLimits?.pgMultiRowInsert1000RowsPerSec ?? null,
      pgUnnestInsertRowsPerSec: pgLimits?.pgUnnestInsertRowsPerSec ?? null,
      pgCopyRowsPerSec: pgLimits?.pgCopyRowsPerSec ?? null,
      pgliteMultiRowInsert1000RowsPerSec: (await attempt("PGlite", null, measurePglite)) ?? null,
    };
    const l = limits;
    console.log(
      `  tokenise a post and look its words up (src/core/text/tokens.ts): ${fmt(l.tokenizePostsPerSec)} posts/s`,
    );
    if (l.natsPublishWindowMsgsPerSec !== null) {
      console.log(
        `  NATS JetStream publish with acks, window 256: ${fmt(l.natsPublishWindowMsgsPerSec)} msgs/s; awaiting each: ${fmt(l.natsPublishAwaitEachMsgsPerSec)} msgs/s; pull-consume with acks (batches of 256): ${fmt(l.natsPullConsumeAckMsgsPerSec)} msgs/s`,
      );
    } else console.log(`  NATS: not measured (${failed.NATS})`);
    if (l.pgSingleRowInsertRowsPerSec !== null) {
      console.log(
        `  PostgreSQL, posts-shaped table: single-row INSERT ${fmt(l.pgSingleRowInsertRowsPerSec)} rows/s; multi-row INSERT of 1,000 ${fmt(l.pgMultiRowInsert1000RowsPerSec)} rows/s; INSERT … SELECT FROM unnest (5,000 rows a statement) ${fmt(l.pgUnnestInsertRowsPerSec)} rows/s; COPY FROM STDIN (5,000 rows a statement) ${fmt(l.pgCopyRowsPerSec)} rows/s`,
      );
    } else console.log(`  PostgreSQL: not measured (${failed.PostgreSQL})`);
    console.log(
      `  PGlite, posts-shaped table: multi-row INSERT of 1,000 ${fmt(l.pgliteMultiRowInsert1000RowsPerSec)} rows/s${failed.PGlite ? ` (${failed.PGlite})` : ""}`,
    );
  }

  const ratiosOf = (postsPerSec: number, keys: (keyof Limits)[]) => {
    const out: Record<string, number> = {};
    for (const key of keys) {
      const limit = limits?.[key];
      if (typeof limit === "number" && limit > 0) out[key] = round(postsPerSec / limit, 3);
    }
    return out;
  };
  const report = (label: string, r: PhaseResult, target: number, keys: (keyof Limits)[]) => {
    const met = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log(
      `${label}: ${fmt(r.posts)} posts in ${fmt(r.seconds, 1)} s (then ${fmt(r.pacedPosts)} in the paced probe)${r.complete ? "" : " (INCOMPLETE: the pipeline stalled)"}; sustained ${fmt(r.postsPerSec)} posts/s stored after warm-up (target ≥ ${fmt(target)}: ${met(r.postsPerSec >= target)})`,
    );
    console.log(
      `  ingest-to-alert at full load: p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms over ${r.alertSamples} alerts (target p99 < 2,000 ms: ${met(r.p99Ms !== null && r.p99Ms < 2000)})`,
    );
    if (r.paced) {
      console.log(
        `  ingest-to-alert at ${fmt(r.paced.postsPerSec)} posts/s (half load): p50 ${fmt(r.paced.p50Ms)} ms, p99 ${fmt(r.paced.p99Ms)} ms over ${r.paced.alertSamples} alerts (target p99 < 2,000 ms: ${met(r.paced.p99Ms !== null && r.paced.p99Ms < 2000)})`,
      );
    }
    console.log(
      `  alerts: ${r.alertsRaised} raised for ${r.alertsExpected} threats published (rule threshold ${r.threshold}; ${r.alertsForOtherPosts} for other posts)`,
    );
    console.log(
      `  RSS: peak ${fmt(r.peakRssMb)} MB; mean of the first / last quarter of the samples ${fmt(r.rss.firstQuartileMb)} / ${fmt(r.rss.lastQuartileMb)} MB (JS heap in use ${fmt(r.heap.firstQuartileMb)} / ${fmt(r.heap.lastQuartileMb)} MB)`,
    );
    r.workers.forEach((w, i) => {
      console.log(
        `  worker ${i + 1} RSS: peak ${fmt(w.peakMb)} MB; first / last quarter ${fmt(w.firstQuartileMb)} / ${fmt(w.lastQuartileMb)} MB`,
      );
    });
    const ratios = ratiosOf(r.postsPerSec, keys);
    if (Object.keys(ratios).length > 0) {
      console.log(
        `  pipeline posts/s as a share of each limit: ${Object.entries(ratios)
          .map(([k, v]) => `${k} ${v}×`)
          .join(", ")}`,
      );
    }
    if (r.problems.count > 0) {
      console.log(`  ${r.problems.count} warnings/errors logged, first: ${r.problems.first.join(" | ")}`);
    }
    if (r.redeliveries) {
      console.log(
        `  JetStream deliveries beyond one per message: ${Object.entries(r.redeliveries)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
      );
    }
    if (r.note) console.log(`  note: ${r.note}`);
    return ratios;
  };

  let embedded: PhaseResult | null = null;
  let nats: PhaseResult | null = null;
  const errors: Record<string, string> = {};
  const failedRun = (phase: string) => (error: unknown) => {
    errors[phase] = error instanceof Error ? error.message : String(error);
    console.log(`  ${phase} run FAILED: ${errors[phase]}`);
    return null;
  };
  let embeddedRatios = {};
  let natsRatios = {};
  if (values.only !== "nats") {
    console.log("(a) embedded: PGlite + in-process bus, one process …");
    embedded = await inChild("embedded", childArgs, cpuProfDir).catch(failedRun("embedded"));
    if (embedded) {
      embeddedRatios = report("(a) embedded", embedded, 10_000, [
        "pgliteMultiRowInsert1000RowsPerSec",
        "tokenizePostsPerSec",
      ]);
    }
  }
  if (values.only !== "embedded") {
    if (natsReason) console.log(`(b) PostgreSQL + NATS: skipped — ${natsReason}`);
    else {
      const workers = workerCount ? `${workerCount} workers` : "workers started elsewhere";
      console.log(`(b) PostgreSQL + NATS JetStream, producer + ${workers} …`);
      nats = await inChild("nats", childArgs, cpuProfDir).catch(failedRun("nats"));
      if (nats) {
        natsRatios = report(`(b) PostgreSQL + NATS, ${workers}`, nats, 20_000, [
          "natsPublishWindowMsgsPerSec",
          "natsPullConsumeAckMsgsPerSec",
          "pgMultiRowInsert1000RowsPerSec",
          "pgUnnestInsertRowsPerSec",
          "pgCopyRowsPerSec",
          "tokenizePostsPerSec",
        ]);
        if (!workerCount) console.log("  worker RSS: not sampled here; watch it on each worker host");
      }
    }
  }
  console.log(
    "Posts travel in pages: each post is up to a fiftieth of a posts.ingested message and a hundredth of a posts.stored message (a publish and a consume each; smaller pages when fewer posts wait), and about 4 rows (author upsert, post, topic match, assessment) — compare the shares with that in mind.",
  );

  const summary = (r: PhaseResult | null, ratios: Record<string, number>) =>
    r && {
      postsPerSec: r.postsPerSec,
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      peakRssMb: r.peakRssMb,
      posts: r.posts,
      seconds: r.seconds,
      complete: r.complete,
      alertSamples: r.alertSamples,
      paced: r.paced,
      rss: r.rss,
      heap: r.heap,
      ...(r.workers.length ? { workers: r.workers } : {}),
      ratios,
    };
  console.log(
    JSON.stringify({
      embedded: summary(embedded, embeddedRatios),
      nats: summary(nats, natsRatios),
      ...(nats === null && values.only !== "embedded" && natsReason ? { natsSkipped: natsReason } : {}),
      ...(Object.keys(errors).length ? { errors } : {}),
      limits,
      targets: {
        embeddedPostsPerSec: 10_000,
        natsPostsPerSec: 20_000,
        p99Ms: 2_000,
        met: {
          embedded: embedded
            ? embedded.postsPerSec >= 10_000 && (embedded.p99Ms ?? Number.POSITIVE_INFINITY) < 2000
            : null,
          nats: nats ? nats.postsPerSec >= 20_000 && (nats.p99Ms ?? Number.POSITIVE_INFINITY) < 2000 : null,
        },
      },
      machine: { cpus: cpus.length, load: os.loadavg().map((l) => round(l, 2)) },
    }),
  );
}

await main();
