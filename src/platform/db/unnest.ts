// Multi-row INSERT with one parameter per column: `INSERT … SELECT … FROM unnest($1::text[], …)`.
// Drizzle's `insert().values(rows)` binds one parameter per value and types each through a chain of class
// checks; a store batch of 500 posts binds about 7,500 of them, and building that statement was the largest
// single cost of a pipeline worker after the risk engine (bench:pipeline profile: 14 % of its CPU in Drizzle,
// half of it in those checks). Here every column travels as one text array and is cast back to its own
// type in the SELECT, so the statement has as many parameters as the table has columns, whatever the batch.
import { getTableColumns, is, SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./client.ts";

/**
 * Inserts `rows` into `table` as one statement; `tail` is what follows the SELECT (`on conflict …`,
 * `returning …`, written in SQL with the table's column names). Returns the rows the statement returned,
 * with the database's column names. Generated columns are left out, and so is a column no row sets (its
 * default applies); a column some rows set and others not takes the column's JavaScript default, or throws
 * when its default lives only in SQL (give the value).
 */
export async function insertUnnest<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly T["$inferInsert"][],
  tail?: SQL,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns: { column: PgColumn; values: (string | null)[] }[] = [];
  for (const [key, column] of Object.entries(getTableColumns(table)) as [string, PgColumn][]) {
    if (column.generated !== undefined || column.generatedIdentity !== undefined) continue;
    const given = rows.map((row) => (row as Record<string, unknown>)[key]);
    if (given.every((value) => value === undefined)) continue;
    columns.push({ column, values: given.map((value) => driverText(column, key, value)) });
  }
  const query = sql`insert into ${table} (${sql.join(
    columns.map(({ column }) => sql.identifier(column.name)),
    sql`, `,
  )}) select ${sql.join(
    columns.map(({ column }, i) => sql.raw(`u.c${i}::${castType(column)}`)),
    sql`, `,
  )} from unnest(${sql.join(
    columns.map(({ values }) => sql`${sql.param(values)}::text[]`),
    sql`, `,
  )}) as u(${sql.raw(columns.map((_, i) => `c${i}`).join(", "))})${tail ? sql` ${tail}` : sql``}`;
  // node-postgres and PGlite both answer a raw query with `{ rows }`.
  const result = (await tx.execute(query)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}

/**
 * `column = any($1::text[])`: the set test of `inArray` with one parameter for the whole list instead of one
 * per value (a batch's external ids are hundreds), which PostgreSQL plans like `in (…)`, index included.
 * For text columns.
 */
export function inTextArray(column: PgColumn, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...values])}::text[])`;
}

/**
 * `(first, second) in (select * from unnest($1::text[], $2::text[]))`: rows whose two text columns match one
 * of the pairs, with two parameters for the whole list. PostgreSQL plans it as a semi-join that looks each
 * pair up in an index on the two columns (after the others of the query), whatever the table's statistics
 * say. The `or` of one `= any(…)` list per platform it replaced was planned from the statistics, and those of a
 * table that grows fast are stale until autovacuum analyses it (or never, where autovacuum is off): with a
 * few hundred rows assumed, PostgreSQL read every row of the organisation to find a batch's hundred.
 */
export function inTextPairs(
  first: PgColumn,
  second: PgColumn,
  pairs: readonly (readonly [string, string])[],
): SQL {
  const seen = new Set<string>();
  const firsts: string[] = [];
  const seconds: string[] = [];
  for (const [a, b] of pairs) {
    const key = `${a.length}:${a}${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    firsts.push(a);
    seconds.push(b);
  }
  return sql`(${first}, ${second}) in (select * from unnest(${sql.param(firsts)}::text[], ${sql.param(seconds)}::text[]))`;
}

// The serial pseudo-types name a column's default, not a type a value can be cast to.
const serialBase: Record<string, string> = {
  smallserial: "smallint",
  serial: "integer",
  bigserial: "bigint",
};

/** The type a column's text is cast back to. */
function castType(column: PgColumn): string {
  const type = column.getSQLType();
  return serialBase[type] ?? type;
}

/** A value as the text PostgreSQL reads back into the column's type (null stays null). */
function driverText(column: PgColumn, key: string, value: unknown): string | null {
  let given = value;
  if (given === undefined) {
    given = column.defaultFn ? column.defaultFn() : column.default;
    if ((given === undefined && column.hasDefault) || is(given, SQL)) {
      throw new Error(
        `insertUnnest: ${key} is set on some rows only and its default is SQL; give it on every row`,
      );
    }
    if (given === undefined) given = null;
  }
  if (given === null) return null;
  const driver = column.mapToDriverValue(given);
  switch (typeof driver) {
    case "string":
      return driver;
    case "number":
    case "bigint":
    case "boolean":
      return String(driver);
    default:
      if (driver instanceof Date) return driver.toISOString();
      throw new Error(`insertUnnest: ${key} has a value of a type it cannot pass as text`);
  }
}
