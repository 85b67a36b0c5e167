import type { Role } from "../../../src/orgs/orgs.schema.ts";

/**
 * Whether a role sees the button that downloads mentions as a file (bulk personal data, audited): agents and
 * above, as `canExportPosts` in src/orgs/orgs.policy.ts. The server decides in the end.
 */
export function canExportMentions(role: Role): boolean {
  return role === "admin" || role === "manager" || role === "agent";
}
