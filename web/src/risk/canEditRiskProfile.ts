import type { Role } from "../../../src/orgs/orgs.schema.ts";

/** Whether a role sees the controls to change the risk profile and import block lists (the server decides in the end). */
export function canEditRiskProfile(role: Role): boolean {
  return role === "admin" || role === "manager";
}
