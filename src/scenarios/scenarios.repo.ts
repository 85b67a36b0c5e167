import { and, eq } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { scenarioRuns } from "./scenarios.table.ts";

export type ScenarioRunRow = typeof scenarioRuns.$inferSelect;

/** The run of a scenario in an organisation. */
export async function findScenarioRun(
  tx: Tx,
  orgId: string,
  scenarioId: string,
): Promise<ScenarioRunRow | undefined> {
  const [row] = await tx
    .select()
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.orgId, orgId), eq(scenarioRuns.scenarioId, scenarioId)));
  return row;
}

/** Inserts a run; a concurrent insert of the same run is ignored. */
export async function insertScenarioRun(tx: Tx, row: ScenarioRunRow) {
  await tx.insert(scenarioRuns).values(row).onConflictDoNothing();
}

/** Records how far a run has been delivered. */
export async function updateDelivered(tx: Tx, id: string, deliveredMs: number) {
  await tx.update(scenarioRuns).set({ deliveredMs }).where(eq(scenarioRuns.id, id));
}
