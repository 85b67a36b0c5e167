import type { Role } from "../../../src/orgs/orgs.schema.ts";

/** Whether a role sees the controls for members and API tokens (the server answers 403 to anyone else). */
export function isAdmin(role: Role): boolean {
  return role === "admin";
}
