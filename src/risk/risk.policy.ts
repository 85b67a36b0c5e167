import { atLeast, type RoleHolder } from "../orgs/orgs.policy.ts";

/** Changing the risk profile and block lists: managers and admins. */
export function canEditRiskProfile(actor: RoleHolder): boolean {
  return atLeast(actor, "manager");
}

/** Analysing texts on demand: everyone who works on posts (agents check drafts). */
export function canAnalyze(actor: RoleHolder): boolean {
  return actor.role !== "viewer";
}
