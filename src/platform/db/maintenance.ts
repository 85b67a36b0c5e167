// Upkeep of the embedded database. PGlite runs PostgreSQL in single-user mode, where autovacuum never runs:
// nothing would ever analyse its tables (the planner would keep guessing row counts and selectivities from
// defaults however large the tables grow) or vacuum them (dead row versions of updates and deletes would only
// be pruned page by page). Measured on an embedded database after 1.5 minutes of bench:pipeline (103,000
// posts): a Mentions-like query (the newest 50 toxic posts) took 404 ms before the first ANALYZE and 129 ms
// after. A PostgreSQL server does this itself with autovacuum; there the job only says so when it is off.
import { sql } from "drizzle-orm";
import type { BackgroundJob } from "../jobs.ts";
import type { Logger } from "../logger.ts";
import type { Database } from "./client.ts";

/** What one upkeep pass did. */
export interface MaintenanceReport {
  tables: number;
  vacuumed: boolean;
  ms: number;
}

/** How the embedded database is kept up. */
export interface MaintenanceOptions {
  /** Minutes between passes; 0 turns upkeep off. */
  intervalMinutes: number;
  /** Every n-th pass vacuums as well as analyses (not the first: it comes soon after start, and statistics matter more). */
  vacuumEvery: number;
  /**
   * Delay of the first pass after start: soon enough for a database opened with stale statistics, late enough
   * not to compete with the catching up of a backlog right after a start.
   */
  firstPassMs: number;
}

export const defaultMaintenanceOptions: MaintenanceOptions = {
  intervalMinutes: 30,
  vacuumEvery: 6,
  firstPassMs: 300_000,
};

// Rows ANALYZE samples per table are 300 times this (PostgreSQL's default 100 samples 30,000): enough for the
// equality and range estimates the product's queries need, at about a third of the time the process is held.
const statisticsTarget = 30;

/**
 * Analyses (and, if asked, vacuums) every table of the database, one table at a time. On PGlite each
 * statement holds the process's one connection (and its thread) while it runs, so the pass yields to the event
 * loop between tables: queued requests and pipeline batches go on in between. The smaller sample is set with
 * `set local` in the ANALYZE's own transaction, so it holds for that statement only, also on a pool of
 * PostgreSQL connections (a plain `set` would change whichever pooled connection ran it, for good).
 */
export async function maintainTables(
  database: Database,
  opts: { vacuum: boolean },
): Promise<MaintenanceReport> {
  const started = performance.now();
  const result = (await database.db.execute(
    sql`select tablename from pg_tables where schemaname = current_schema() order by tablename`,
  )) as unknown as { rows: { tablename: string }[] };
  const tables = result.rows.map((row) => row.tablename);
  for (const table of tables) {
    // VACUUM cannot run inside a transaction: on its own, before the table's ANALYZE.
    if (opts.vacuum) await database.db.execute(sql`vacuum ${sql.identifier(table)}`);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local default_statistics_target = ${statisticsTarget}`));
      await tx.execute(sql`analyze ${sql.identifier(table)}`);
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { tables: tables.length, vacuumed: opts.vacuum, ms: Math.round(performance.now() - started) };
}

/**
 * Starts the embedded database's upkeep: a pass `firstPassMs` after start, then every `intervalMinutes`. A pass
 * holds the embedded process for up to about 150 ms at a time (one table's ANALYZE) and 0.65–1.4 s in all on
 * 100,000 posts, so posts in flight then wait: in bench:pipeline's paced probe (500–600 posts/s) a pass that
 * landed in it raised the ingest-to-alert p99 from 91 ms to 663 ms. For
 * PostgreSQL it starts nothing; it warns once when the server's autovacuum is off (statistics then go stale as
 * tables grow, and plans with them).
 */
export function startDatabaseMaintenance(
  database: Database,
  log: Logger,
  options: MaintenanceOptions = defaultMaintenanceOptions,
): BackgroundJob {
  if (database.kind === "postgres") {
    warnWithoutAutovacuum(database, log).catch(() => {});
    return { stop: async () => {} };
  }
  if (options.intervalMinutes <= 0) return { stop: async () => {} };
  let passes = 0;
  let stopped = false;
  let running: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      if (stopped) return;
      passes++;
      const vacuum = passes % options.vacuumEvery === 0;
      running = maintainTables(database, { vacuum })
        .then((report) => log.info(report, "embedded database analysed"))
        .catch((error) =>
          log.error({ err: error }, "embedded database upkeep failed; trying again at the next pass"),
        )
        .finally(() => {
          running = null;
          if (!stopped) schedule(options.intervalMinutes * 60_000);
        });
    }, ms);
    timer.unref();
  };
  schedule(options.firstPassMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

async function warnWithoutAutovacuum(database: Database, log: Logger): Promise<void> {
  const result = (await database.db.execute(
    sql`select current_setting('autovacuum') as autovacuum`,
  )) as unknown as {
    rows: { autovacuum: string }[];
  };
  if (result.rows[0]?.autovacuum === "off") {
    log.warn(
      "PostgreSQL runs with autovacuum off: nothing analyses or vacuums Brandwache's tables, so plans degrade as they grow (turn it on, or run VACUUM ANALYZE regularly)",
    );
  }
}
