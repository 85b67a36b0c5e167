import type { Role } from "../../../src/orgs/orgs.schema.ts";

// Mirrors canExportPosts in src/orgs/orgs.policy.ts; the server decides, this only hides what would be refused.
const rank: Record<Role, number> = { admin: 5, manager: 4, agent: 3, trainer: 1, trainee: 1, viewer: 0 };

/** Downloading mentions as a file (bulk personal data, audited): agents and above. */
export const canExportMentions = (role: Role) => rank[role] >= rank.agent;
