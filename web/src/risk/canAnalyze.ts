import type { Role } from "../../../src/orgs/orgs.schema.ts";

/** Whether a role may check texts on demand: everyone who works on posts, not viewers (as the server's policy). */
export function canAnalyze(role: Role): boolean {
  return role !== "viewer";
}
