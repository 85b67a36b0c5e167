import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { apiTokens, memberships, organisations, sessions, users } from "./orgs.table.ts";

export type OrganisationRow = typeof organisations.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;

/** Inserts an organisation. */
export async function insertOrganisation(tx: Tx, row: typeof organisations.$inferInsert) {
  await tx.insert(organisations).values(row);
}

/** Finds an organisation by its slug. */
export async function findOrganisationBySlug(tx: Tx, slug: string): Promise<OrganisationRow | undefined> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.slug, slug));
  return row;
}

/** Finds an organisation by id. */
export async function findOrganisation(tx: Tx, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

/** Finds a user by e-mail (stored lower-case). */
export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

/** Inserts a user. */
export async function insertUser(tx: Tx, row: typeof users.$inferInsert) {
  await tx.insert(users).values({ ...row, email: row.email.toLowerCase() });
}

/** The first organisation a user belongs to, with the role there. */
export async function firstMembershipOf(tx: Tx, userId: string) {
  // Signing in lands in a real workspace; an exercise workspace only when the person has nothing else.
  const [row] = await tx
    .select({ orgId: memberships.orgId, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(sql`${organisations.kind} = 'live' desc`, asc(memberships.createdAt))
    .limit(1);
  return row;
}

/** The organisations a user belongs to: real workspaces first, then exercise workspaces, newest first. */
export async function workspacesOf(tx: Tx, userId: string) {
  return tx
    .select({
      id: organisations.id,
      name: organisations.name,
      slug: organisations.slug,
      kind: organisations.kind,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(sql`${organisations.kind} = 'live' desc`, desc(memberships.createdAt));
}

/**
 * Deletes exercise workspaces (everything in them goes with them); sessions working in one move back to
 * the real workspace it belongs to first, so nobody is signed out by the end of an exercise.
 */
export async function deleteExerciseWorkspaces(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return;
  const doomed = await tx
    .select({ id: organisations.id, parentId: organisations.parentId })
    .from(organisations)
    .where(and(inArray(organisations.id, [...ids]), eq(organisations.kind, "exercise")));
  for (const org of doomed) {
    if (org.parentId)
      await tx.update(sessions).set({ orgId: org.parentId }).where(eq(sessions.orgId, org.id));
  }
  if (doomed.length === 0) return;
  await tx.delete(organisations).where(
    inArray(
      organisations.id,
      doomed.map((o) => o.id),
    ),
  );
}

/** Points a session at another organisation of its user. */
export async function updateSessionOrg(tx: Tx, tokenHash: string, orgId: string) {
  await tx.update(sessions).set({ orgId }).where(eq(sessions.tokenHash, tokenHash));
}

/** Adds a user to an organisation. */
export async function insertMembership(tx: Tx, row: typeof memberships.$inferInsert) {
  await tx.insert(memberships).values(row);
}

const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  createdAt: memberships.createdAt,
};

/** Members of an organisation, oldest first. */
export async function listMembers(tx: Tx, orgId: string) {
  return tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.createdAt), asc(users.email));
}

/** One member of an organisation. */
export async function findMember(tx: Tx, orgId: string, userId: string) {
  const [row] = await tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row;
}

/** Changes a member's role. */
export async function updateMembershipRole(tx: Tx, orgId: string, userId: string, role: string) {
  await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}

/** Changes a user's display name. */
export async function updateUserName(tx: Tx, userId: string, name: string) {
  await tx.update(users).set({ name }).where(eq(users.id, userId));
}

/** Removes a member from an organisation (the user row stays for other organisations). */
export async function deleteMembership(tx: Tx, orgId: string, userId: string) {
  await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  await tx.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)));
}

/** Inserts a session. */
export async function insertSession(tx: Tx, row: typeof sessions.$inferInsert) {
  await tx.insert(sessions).values(row);
}

/** A live session by the hash of its cookie, with its user, organisation and the user's role there. */
export async function findLiveSession(tx: Tx, tokenHash: string, now: Date) {
  const [row] = await tx
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      orgId: organisations.id,
      orgName: organisations.name,
      orgSlug: organisations.slug,
      orgKind: organisations.kind,
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, sessions.orgId))
    .innerJoin(
      memberships,
      and(eq(memberships.orgId, sessions.orgId), eq(memberships.userId, sessions.userId)),
    )
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

/** Deletes a session. */
export async function deleteSession(tx: Tx, tokenHash: string) {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Deletes sessions that expired before `now`. */
export async function deleteExpiredSessions(tx: Tx, now: Date) {
  await tx.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** Inserts an API token. */
export async function insertToken(tx: Tx, row: typeof apiTokens.$inferInsert) {
  await tx.insert(apiTokens).values(row);
}

/** API tokens of an organisation. */
export async function listTokens(tx: Tx, orgId: string): Promise<TokenRow[]> {
  return tx.select().from(apiTokens).where(eq(apiTokens.orgId, orgId)).orderBy(asc(apiTokens.createdAt));
}

/** One API token of an organisation. */
export async function findToken(tx: Tx, orgId: string, id: string): Promise<TokenRow | undefined> {
  const [row] = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id)));
  return row;
}

/** A token by the hash of its secret, in any organisation (the secret names the organisation). */
export async function findTokenByHash(tx: Tx, tokenHash: string): Promise<TokenRow | undefined> {
  const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

/** Records that a token was used. */
export async function touchToken(tx: Tx, id: string, at: Date) {
  await tx.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

/** Deletes an API token. */
export async function deleteToken(tx: Tx, orgId: string, id: string) {
  await tx.delete(apiTokens).where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id)));
}

/** All organisations by slug. */
export async function listOrganisations(tx: Tx): Promise<OrganisationRow[]> {
  return tx.select().from(organisations).orderBy(asc(organisations.slug));
}

/** Names of the organisation's members by user id (ids of non-members are left out). */
export async function memberNames(
  tx: Tx,
  orgId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.orgId, orgId)))
    .where(inArray(users.id, [...userIds]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
