import { sql } from "drizzle-orm";
import { bigserial, integer, jsonb, pgTable, real, serial, text, timestamp } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, startTestRuntime } from "../../../test/harness.ts";
import { insertUnnest, inTextArray, inTextPairs } from "./unnest.ts";

// A table of every column type the pipeline's bulk inserts use, created by the test itself.
const samples = pgTable("unnest_samples", {
  id: text("id").primaryKey(),
  label: text("label"),
  count: integer("count"),
  score: real("score").notNull().default(0),
  at: timestamp("at", { withTimezone: true }),
  detail: jsonb("detail").$type<unknown>().notNull().default({}),
  tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
  note: text("note").notNull().default("none"),
});

type Sample = typeof samples.$inferInsert;

// Serial columns given explicitly (as the audit chain gives its seq): cast to the integer type beneath.
const serials = pgTable("unnest_serials", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  n: serial("n"),
  label: text("label"),
});

describe.each(databaseKinds)("insertUnnest on %s", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  const db = () => runtime.ctx.db;
  const read = async (ids: string[]) =>
    (await db().select().from(samples))
      .filter((row) => ids.includes(row.id))
      .sort((a, b) => a.id.localeCompare(b.id));

  beforeAll(async () => {
    runtime = await startTestRuntime(kind);
    await db().execute(sql`create table unnest_samples (id text primary key, label text, count integer,
      score real not null default 0, at timestamptz, detail jsonb not null default '{}',
      tags text[] not null default '{}', note text not null default 'none')`);
    await db().execute(sql`create table unnest_serials (seq bigserial primary key, n serial, label text)`);
  }, 180_000);
  afterAll(() => runtime?.dispose());

  it("stores every type as given, nulls included, and leaves out what no row sets", async () => {
    const rows: Sample[] = [
      {
        id: "a",
        label: 'Quote " backslash \\ comma , braces {} NULL',
        count: -7,
        score: 0.25,
        at: new Date("2026-12-03T07:30:00.123Z"),
        detail: { text: "Störung „Nordwind“ 😀", nested: [1, null, { k: "v" }] },
        tags: ["toxic", 'with "quote"', "back\\slash", "a,b", "{x}", "NULL", ""],
      },
      { id: "b", label: null, count: null, score: 1, at: null, detail: [], tags: [] },
    ];
    await insertUnnest(db(), samples, rows);
    const [a, b] = await read(["a", "b"]);
    expect(a).toEqual({ ...rows[0], note: "none" });
    expect(b).toEqual({ ...rows[1], note: "none" });
  });

  it("gives the JavaScript default to rows that leave a column out, and refuses a default that is only SQL", async () => {
    await insertUnnest(db(), samples, [
      { id: "c", detail: { x: 1 }, tags: ["t"] },
      { id: "d", tags: [] },
    ]);
    const [c, d] = await read(["c", "d"]);
    expect(c?.detail).toEqual({ x: 1 });
    expect(d?.detail).toEqual({});
    await expect(insertUnnest(db(), samples, [{ id: "e", tags: ["t"] }, { id: "f" }])).rejects.toThrow(
      /tags is set on some rows only/,
    );
  });

  it("passes the tail: on conflict and returning", async () => {
    const returned = await insertUnnest(
      db(),
      samples,
      [
        { id: "g", label: "first" },
        { id: "a", label: "again" },
      ],
      sql`on conflict (id) do nothing returning id, label`,
    );
    expect(returned).toEqual([{ id: "g", label: "first" }]);
    expect((await read(["a"]))[0]?.label).toContain("Quote");
    expect(await insertUnnest(db(), samples, [])).toEqual([]);
  });

  it("round-trips any text and any list of texts (property)", async () => {
    let n = 0;
    // PostgreSQL text holds no NUL character.
    const text = fc.string({ unit: "grapheme", maxLength: 40 }).map((s) => s.replaceAll("\u0000", ""));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, fc.array(text, { maxLength: 5 })), { minLength: 1, maxLength: 20 }),
        async (items) => {
          const rows = items.map(([label, tags]) => ({ id: `p${kind}${n++}`, label, tags }));
          await insertUnnest(db(), samples, rows);
          const stored = await read(rows.map((r) => r.id));
          const byId = new Map(stored.map((row) => [row.id, row]));
          for (const row of rows)
            expect(byId.get(row.id)).toMatchObject({ label: row.label, tags: row.tags });
        },
      ),
      { numRuns: 30 },
    );
  });

  it("finds rows by a list of texts bound as one array, with quotes, commas, braces and NULL as plain text", async () => {
    const ids = ['in "quote"', "in,comma", "in{brace}", "NULL", "in\\back", "in plain"];
    await insertUnnest(
      db(),
      samples,
      ids.map((id) => ({ id, label: "in-array" })),
    );
    const found = async (wanted: string[]) =>
      (await db().select({ id: samples.id }).from(samples).where(inTextArray(samples.id, wanted)))
        .map((row) => row.id)
        .sort();
    expect(await found(ids)).toEqual([...ids].sort());
    expect(await found(["NULL", "in,comma", "missing"])).toEqual(["NULL", "in,comma"]);
    expect(await found([])).toEqual([]);
  });

  it("finds rows by pairs of texts, each pair as a whole, never one column's value with another's", async () => {
    const rows = [
      { id: "pair-1", label: "mastodon" },
      { id: "pair-2", label: "bluesky" },
      { id: "pair-3", label: "mastodon" },
      { id: 'pair-"4"', label: "x,{y}" },
    ];
    await insertUnnest(db(), samples, rows);
    const found = async (pairs: [string, string][]) =>
      (
        await db()
          .select({ id: samples.id })
          .from(samples)
          .where(inTextPairs(samples.label, samples.id, pairs))
      )
        .map((row) => row.id)
        .sort();
    expect(
      await found([
        ["mastodon", "pair-1"],
        ["bluesky", "pair-2"],
      ]),
    ).toEqual(["pair-1", "pair-2"]);
    // The label of one row with the id of another is no match.
    expect(
      await found([
        ["bluesky", "pair-1"],
        ["mastodon", "pair-2"],
      ]),
    ).toEqual([]);
    expect(
      await found([
        ["x,{y}", 'pair-"4"'],
        ["x,{y}", 'pair-"4"'],
        ["mastodon", "pair-3"],
      ]),
    ).toEqual(['pair-"4"', "pair-3"]);
    expect(await found([])).toEqual([]);
  });

  it("casts values of serial columns to the integer type beneath", async () => {
    await insertUnnest(db(), serials, [
      { seq: 9_007_199_254_740_000, n: 7, label: "given" },
      { seq: 2, n: 8, label: null },
    ]);
    const rows = await db().select().from(serials).orderBy(serials.seq);
    expect(rows).toEqual([
      { seq: 2, n: 8, label: null },
      { seq: 9_007_199_254_740_000, n: 7, label: "given" },
    ]);
  });
});
