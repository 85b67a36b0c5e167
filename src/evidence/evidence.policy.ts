import { atLeast, type RoleHolder } from "../orgs/orgs.policy.ts";

/** Capturing posts as evidence and rendering them again. */
export const canCaptureEvidence = (actor: RoleHolder) => atLeast(actor, "agent");
/** Putting items on legal hold and releasing them. */
export const canHoldEvidence = (actor: RoleHolder) => atLeast(actor, "manager");
/** Exporting an incident's bundle: it holds a stretch of the audit log, which managers read. */
export const canExportEvidence = (actor: RoleHolder) => atLeast(actor, "manager");
/** Changing retention and the time-stamping authority (retention removes evidence). */
export const canEditEvidenceSettings = (actor: RoleHolder) => atLeast(actor, "admin");
