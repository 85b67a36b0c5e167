import type { Role } from "../../../src/orgs/orgs.schema.ts";

/** Whether a role sees the controls to open incidents and change their status (the server decides in the end). */
export function canEditIncidents(role: Role): boolean {
  return role !== "viewer";
}
