import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createScratchDatabase, databaseKinds, testDatabaseUrl } from "../../../test/harness.ts";
import type { Logger } from "../logger.ts";
import { type Database, openDatabase } from "./client.ts";
import { maintainTables, startDatabaseMaintenance } from "./maintenance.ts";

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

const recordingLogger = () => {
  const calls: { level: string; args: unknown[] }[] = [];
  const log = {
    info: (...args: unknown[]) => calls.push({ level: "info", args }),
    warn: (...args: unknown[]) => calls.push({ level: "warn", args }),
    error: (...args: unknown[]) => calls.push({ level: "error", args }),
  } as unknown as Logger;
  return { log, calls };
};

describe.each(databaseKinds)("database upkeep on %s", (kind) => {
  let database: Database;
  let drop = async () => {};

  beforeAll(async () => {
    if (kind === "postgres" && testDatabaseUrl) {
      const scratch = await createScratchDatabase(testDatabaseUrl);
      drop = scratch.drop;
      database = await openDatabase({ url: scratch.url, dataDir: "" });
    } else {
      database = await openDatabase({ dataDir: "memory://" });
    }
    await database.db.execute(sql`create table upkeep_samples (id integer primary key, label text not null)`);
    await database.db.execute(
      sql`insert into upkeep_samples select g, 'label ' || (g % 10) from generate_series(1, 5000) g`,
    );
    await database.db.execute(sql`update upkeep_samples set label = 'changed' where id % 2 = 0`);
  });

  afterAll(async () => {
    await database?.close();
    await drop();
  });

  it("analyses every table, so the planner knows their sizes and their values", async () => {
    const before = await rows<{ reltuples: number }>(
      database,
      sql`select reltuples from pg_class where relname = 'upkeep_samples'`,
    );
    // Never analysed yet (PGlite never does it by itself; a PostgreSQL server might have by now).
    if (kind === "pglite") expect(Number(before[0]?.reltuples)).toBeLessThan(1);
    const report = await maintainTables(database, { vacuum: false });
    expect(report.tables).toBeGreaterThanOrEqual(1);
    expect(report.vacuumed).toBe(false);
    const after = await rows<{ reltuples: number }>(
      database,
      sql`select reltuples from pg_class where relname = 'upkeep_samples'`,
    );
    expect(Number(after[0]?.reltuples)).toBe(5000);
    // Column statistics: the planner's estimate for one label now comes from the data, not a default.
    const stats = await rows<{ n: number }>(
      database,
      sql`select count(*)::int as n from pg_stats where tablename = 'upkeep_samples' and attname = 'label'`,
    );
    expect(stats[0]?.n).toBe(1);
    // The smaller sample (statistics target 30): a histogram of 31 bounds instead of PostgreSQL's 101.
    const bounds = await rows<{ n: number }>(
      database,
      sql`select array_length(histogram_bounds::text::int[], 1) as n from pg_stats
          where tablename = 'upkeep_samples' and attname = 'id'`,
    );
    expect(bounds[0]?.n).toBe(31);
  });

  it("vacuums on request, and leaves the session's statistics target as it was", async () => {
    const report = await maintainTables(database, { vacuum: true });
    expect(report.vacuumed).toBe(true);
    const vacuumed = await rows<{ n: number }>(
      database,
      sql`select count(*)::int as n from pg_class where relname = 'upkeep_samples' and relallvisible > 0`,
    );
    expect(vacuumed[0]?.n).toBe(1);
    const target = await rows<{ t: string }>(
      database,
      sql`select current_setting('default_statistics_target') as t`,
    );
    expect(target[0]?.t).toBe("100");
  });

  it(
    kind === "pglite"
      ? "runs a pass soon after start on the embedded database, and stop waits for it"
      : "starts no pass on PostgreSQL and warns only when the server's autovacuum is off",
    async () => {
      const { log, calls } = recordingLogger();
      const job = startDatabaseMaintenance(database, log, {
        intervalMinutes: 30,
        vacuumEvery: 6,
        firstPassMs: 5,
      });
      if (kind === "pglite") {
        await vi.waitFor(() => expect(calls.some((c) => c.level === "info")).toBe(true), { timeout: 5000 });
        const report = calls.find((c) => c.level === "info")?.args[0] as {
          vacuumed: boolean;
          tables: number;
        };
        expect(report).toMatchObject({ vacuumed: false });
        await job.stop();
      } else {
        await job.stop();
        const [setting] = await rows<{ a: string }>(database, sql`select current_setting('autovacuum') as a`);
        await vi.waitFor(() =>
          expect(calls.filter((c) => c.level === "warn")).toHaveLength(setting?.a === "off" ? 1 : 0),
        );
        expect(calls.filter((c) => c.level === "info")).toHaveLength(0);
      }
      expect(calls.filter((c) => c.level === "error")).toHaveLength(0);
    },
  );

  it("starts nothing when upkeep is turned off", async () => {
    const { log, calls } = recordingLogger();
    const job = startDatabaseMaintenance(database, log, {
      intervalMinutes: 0,
      vacuumEvery: 6,
      firstPassMs: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await job.stop();
    expect(calls.filter((c) => c.level !== "warn")).toHaveLength(0);
  });
});
