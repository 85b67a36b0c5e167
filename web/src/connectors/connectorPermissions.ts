import type { Role } from "../../../src/orgs/orgs.schema.ts";

// The server's policy (canManageConnectors in src/orgs/orgs.policy.ts); the server decides in the end, this only hides controls.

/** Whether a role may add, change, poll and delete connectors (they hold platform credentials): admins. */
export function canManageConnectors(role: Role): boolean {
  return role === "admin";
}
