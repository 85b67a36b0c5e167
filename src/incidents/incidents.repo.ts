import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { incidents } from "./incidents.table.ts";

export type IncidentRow = typeof incidents.$inferSelect;

/** Incidents of an organisation: active first, then stable, then closed; newest first within each. */
export async function listIncidents(tx: Tx, orgId: string): Promise<IncidentRow[]> {
  const statusOrder = sql`case ${incidents.status} when 'active' then 0 when 'stable' then 1 else 2 end`;
  return tx
    .select()
    .from(incidents)
    .where(eq(incidents.orgId, orgId))
    .orderBy(asc(statusOrder), desc(incidents.createdAt));
}

/** One incident of an organisation. */
export async function findIncident(tx: Tx, orgId: string, id: string): Promise<IncidentRow | undefined> {
  const [row] = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.orgId, orgId), eq(incidents.id, id)));
  return row;
}

/** Inserts an incident. */
export async function insertIncident(tx: Tx, row: IncidentRow) {
  await tx.insert(incidents).values(row);
}

/** Updates an incident. */
export async function updateIncident(tx: Tx, orgId: string, id: string, set: Partial<IncidentRow>) {
  await tx
    .update(incidents)
    .set(set)
    .where(and(eq(incidents.orgId, orgId), eq(incidents.id, id)));
}
