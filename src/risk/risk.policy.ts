import type { Actor } from "../orgs/orgs.policy.ts";

/** Changing the risk profile and block lists: managers and admins. */
export function canEditRiskProfile(actor: Actor): boolean {
  return actor.role === "admin" || actor.role === "manager";
}

/** Analysing texts on demand: everyone who works on posts (agents check drafts). */
export function canAnalyze(actor: Actor): boolean {
  return actor.role !== "viewer";
}
