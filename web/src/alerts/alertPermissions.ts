import type { Role } from "../../../src/orgs/orgs.schema.ts";

// The server's ranks (src/orgs/orgs.policy.ts); the server decides in the end, these only hide controls.

/** Whether a role sees the buttons to acknowledge, resolve and reopen alerts: agents and above. */
export function canHandleAlerts(role: Role): boolean {
  return role === "admin" || role === "manager" || role === "agent";
}

/** Whether a role may create, change and delete alert rules: managers and admins. */
export function canEditAlertRules(role: Role): boolean {
  return role === "admin" || role === "manager";
}

/** Whether a role may create, test and delete delivery channels (they hold addresses and secrets): admins. */
export function canEditAlertChannels(role: Role): boolean {
  return role === "admin";
}
