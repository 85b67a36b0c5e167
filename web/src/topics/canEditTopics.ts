import type { Role } from "../../../src/orgs/orgs.schema.ts";

/** Whether a role sees the controls to create, edit and delete topics (the server decides in the end). */
export function canEditTopics(role: Role): boolean {
  return role === "admin" || role === "manager";
}
