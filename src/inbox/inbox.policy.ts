import { atLeast, type RoleHolder } from "../orgs/orgs.policy.ts";

/** Reading conversations, notes and figures: every member (trainers and trainees read, as everywhere). */
export const canReadInbox = (_actor: RoleHolder) => true;
/** Assigning, changing status, writing notes, answering (presence): agents and above. */
export const canWorkInbox = (actor: RoleHolder) => atLeast(actor, "agent");
/** Service hours, targets, threshold, teams and saved replies: managers and admins. */
export const canManageInbox = (actor: RoleHolder) => atLeast(actor, "manager");
