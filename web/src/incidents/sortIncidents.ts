import type { IncidentRead, IncidentStatus, Severity } from "../../../src/incidents/incidents.schema.ts";

const statusRank: Record<IncidentStatus, number> = { active: 0, stable: 1, closed: 2 };
const severityRank: Record<Severity, number> = { sev1: 0, sev2: 1, sev3: 2, sev4: 3 };

/** Active incidents first, then stable, then closed; within each, the worst severity, then the newest. */
export function sortIncidents(items: readonly IncidentRead[]): IncidentRead[] {
  return [...items].sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] ||
      severityRank[a.severity] - severityRank[b.severity] ||
      b.createdAt.localeCompare(a.createdAt),
  );
}
