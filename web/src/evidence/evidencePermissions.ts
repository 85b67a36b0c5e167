import type { Role } from "../../../src/orgs/orgs.schema.ts";

// Mirrors src/evidence/evidence.policy.ts; the server decides, this only hides what would be refused.
const rank: Record<Role, number> = { admin: 5, manager: 4, agent: 3, trainer: 1, trainee: 1, viewer: 0 };

/** Capturing posts and rendering them again: agents and above. */
export const canCaptureEvidence = (role: Role) => rank[role] >= rank.agent;
/** Legal hold on and off: managers and admins. */
export const canHoldEvidence = (role: Role) => rank[role] >= rank.manager;
/** Downloading an incident's bundle (it holds audit entries): managers and admins. */
export const canExportEvidence = (role: Role) => rank[role] >= rank.manager;
/** Retention and the time-stamping authority: admins. */
export const canEditEvidenceSettings = (role: Role) => rank[role] >= rank.admin;
