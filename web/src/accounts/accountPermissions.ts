import type { Role } from "../../../src/orgs/orgs.schema.ts";

/**
 * Whether a role sees the form to record an account's security: managers and admins, as
 * `canEditAccountSecurity` in src/orgs/orgs.policy.ts. The server decides in the end.
 */
export function canEditAccountSecurity(role: Role): boolean {
  return role === "admin" || role === "manager";
}

/** Whether a role sees the button that locks a hacked account down (opens its incident): agents and above. */
export function canStartLockdown(role: Role): boolean {
  return role === "admin" || role === "manager" || role === "agent";
}
