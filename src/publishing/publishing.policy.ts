import { type Actor, actorLabel, atLeast, type RoleHolder } from "../orgs/orgs.policy.ts";

/** Writing, submitting and sending drafts. */
export const canWriteDrafts = (actor: RoleHolder) => atLeast(actor, "agent");
/** Changing someone else's draft (one's own: every agent). */
export const canEditOthersDrafts = (actor: RoleHolder) => atLeast(actor, "manager");
/** Approving and rejecting drafts others wrote (a person, never the author: see {@link approvalRefusal}). */
export const canApproveDrafts = (actor: RoleHolder) => atLeast(actor, "manager");
/** Changing the organisation's publishing rules. */
export const canManagePublishingRules = (actor: RoleHolder) => atLeast(actor, "manager");

/**
 * Why the actor may not approve or reject a draft of `author`, or null when they may: a manager or admin,
 * a person (not an API token), and never the author (Vier-Augen-Prinzip).
 */
export function approvalRefusal(actor: Actor, author: string): { de: string; en: string } | null {
  if (!canApproveDrafts(actor))
    return {
      de: "Freigeben dürfen nur Manager und Admins.",
      en: "Only managers and admins may approve.",
    };
  if (!actor.userId)
    return {
      de: "Freigaben gibt eine angemeldete Person, kein API-Token.",
      en: "Approvals are given by a signed-in person, not an API token.",
    };
  if (actorLabel(actor) === author)
    return {
      de: "Den eigenen Entwurf darf man nicht selbst freigeben – eine zweite Person muss ihn prüfen.",
      en: "You cannot approve your own draft – a second person must review it.",
    };
  return null;
}
