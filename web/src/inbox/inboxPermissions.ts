import type { Role } from "../../../src/orgs/orgs.schema.ts";

const rank: Record<Role, number> = { admin: 5, manager: 4, agent: 3, trainer: 1, trainee: 1, viewer: 0 };

/** Assigning, changing status, notes and answers: agents and above (as the server's inbox.policy.ts). */
export const canWorkInbox = (role: Role) => rank[role] >= rank.agent;
/** Service hours, targets, teams and saved replies: managers and admins. */
export const canManageInbox = (role: Role) => rank[role] >= rank.manager;
