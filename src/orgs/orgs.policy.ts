import type { Role } from "./orgs.schema.ts";

/** Who is acting: a signed-in user or an API token, always inside one organisation. */
export interface Actor {
  orgId: string;
  role: Role;
  userId: string | null;
  tokenId: string | null;
}

/**
 * What a permission is decided on: the role alone. An {@link Actor} is one, and so is the web app's session,
 * which asks the same functions to hide the controls the server would refuse.
 */
export type RoleHolder = Pick<Actor, "role">;

// Trainers and trainees work in exercise workspaces; in the real workspace they read only.
const rank: Record<Role, number> = { admin: 5, manager: 4, agent: 3, trainer: 1, trainee: 1, viewer: 0 };

/** Whether the actor holds the role or a higher one. */
export function atLeast(actor: RoleHolder, role: Role): boolean {
  return rank[actor.role] >= rank[role];
}

/** The audit log's name for an actor. */
export function actorLabel(actor: Actor): string {
  if (actor.userId) return `user:${actor.userId}`;
  if (actor.tokenId) return `token:${actor.tokenId}`;
  return "system";
}

/** Adding, changing and removing members. */
export const canManageMembers = (actor: RoleHolder) => atLeast(actor, "admin");
/** Creating and revoking API tokens. */
export const canManageTokens = (actor: RoleHolder) => atLeast(actor, "admin");
/** Creating, changing and deleting tracked topics. */
export const canEditTopics = (actor: RoleHolder) => atLeast(actor, "manager");
/** Sending posts into the pipeline through the API. */
export const canIngestPosts = (actor: RoleHolder) => atLeast(actor, "agent");
/** Downloading mentions as a file (bulk personal data, so it is audited and not for read-only roles). */
export const canExportPosts = (actor: RoleHolder) => atLeast(actor, "agent");
/** Opening and changing incidents. */
export const canEditIncidents = (actor: RoleHolder) => atLeast(actor, "agent");
/** Reading the audit log. */
export const canReadAudit = (actor: RoleHolder) => atLeast(actor, "manager");
/** Acknowledging, resolving and reopening alerts. */
export const canHandleAlerts = (actor: RoleHolder) => atLeast(actor, "agent");
/** Creating, changing and deleting alert rules. */
export const canManageAlertRules = (actor: RoleHolder) => atLeast(actor, "manager");
/** Creating, changing, testing and deleting alert channels (they hold recipients, webhook URLs and secrets). */
export const canManageAlertChannels = (actor: RoleHolder) => atLeast(actor, "admin");
/** Adding, changing and removing accounts on the stakeholder map. */
export const canEditStakeholders = (actor: RoleHolder) => atLeast(actor, "manager");
/** Adding, changing, polling and removing connectors (they hold platform credentials). */
export const canManageConnectors = (actor: RoleHolder) => atLeast(actor, "admin");
/** Recording the security posture of the organisation's official accounts (owners, 2FA, recovery, access). */
export const canEditAccountSecurity = (actor: RoleHolder) => atLeast(actor, "manager");
