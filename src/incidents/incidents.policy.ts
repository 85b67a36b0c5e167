import { atLeast, canEditIncidents, type RoleHolder } from "../orgs/orgs.policy.ts";
import type { IncidentRow } from "./incidents.repo.ts";

/** Whether the actor may change this incident: agents and above, and nobody reopens a closed one but managers. */
export function canEditIncident(actor: RoleHolder, incident: IncidentRow, nextStatus?: string): boolean {
  if (!canEditIncidents(actor)) return false;
  if (incident.status === "closed" && nextStatus && nextStatus !== "closed") {
    return atLeast(actor, "manager");
  }
  return true;
}

/** Whether the actor may change organisation-wide incident settings (NIS2 scope). */
export const canChangeIncidentSettings = (actor: RoleHolder) => atLeast(actor, "manager");

/** Whether the actor may edit playbooks (every edit is a new version). */
export const canEditPlaybooks = (actor: RoleHolder) => atLeast(actor, "manager");
