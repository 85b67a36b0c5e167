import type { Role } from "../../../src/orgs/orgs.schema.ts";

/**
 * Whether a role sees the controls to add, change and remove accounts on the stakeholder map: managers and
 * admins, as `canEditStakeholders` in src/orgs/orgs.policy.ts. The server decides in the end.
 */
export function canEditStakeholders(role: Role): boolean {
  return role === "admin" || role === "manager";
}
