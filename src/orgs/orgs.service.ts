import { createHash } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { recordAudit } from "../audit/audit.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import type { Actor } from "./orgs.policy.ts";
import { canManageMembers, canManageTokens } from "./orgs.policy.ts";
import * as repo from "./orgs.repo.ts";
import type {
  MemberCreate,
  MemberRead,
  MemberUpdate,
  OrganisationKind,
  Role,
  Session,
} from "./orgs.schema.ts";

/** SHA-256 of a secret: sessions and tokens are stored only as this. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** API token secrets start with this, so secret scanners (and our own leak detector) recognise them. */
export const tokenPrefix = "bw_";

// Verifying against a real hash when the e-mail is unknown keeps response times equal, so timing
// does not reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined;

/** Creates an organisation. */
export async function createOrganisation(
  ctx: AppContext,
  input: { name: string; slug: string; kind?: OrganisationKind; parentId?: string },
) {
  const id = ctx.ids.id();
  await ctx.db.transaction(async (tx) => {
    if (await repo.findOrganisationBySlug(tx, input.slug)) {
      throw new AppError("conflict", `An organisation with the slug "${input.slug}" already exists`);
    }
    await repo.insertOrganisation(tx, {
      id,
      name: input.name,
      slug: input.slug,
      kind: input.kind ?? "live",
      parentId: input.parentId ?? null,
      createdAt: ctx.clock.now(),
    });
    await recordAudit(
      tx,
      ctx,
      { orgId: id, system: true },
      { action: "org.create", entityType: "organisation", entityId: id },
    );
  });
  return { id, ...input };
}

/** Finds an organisation by slug. */
export async function findOrganisationBySlug(ctx: AppContext, slug: string) {
  return repo.findOrganisationBySlug(ctx.db, slug);
}

/** An organisation's display name, or null when it does not exist. */
export async function organisationName(ctx: AppContext, orgId: string): Promise<string | null> {
  return (await repo.findOrganisation(ctx.db, orgId))?.name ?? null;
}

/** The organisation a command means: the one named, or the only one there is. */
export async function resolveOrganisation(ctx: AppContext, slug: string | undefined) {
  const all = await repo.listOrganisations(ctx.db);
  if (slug) {
    const found = all.find((o) => o.slug === slug);
    if (found) return found;
    throw new AppError(
      "not_found",
      `No organisation "${slug}"; known: ${all.map((o) => o.slug).join(", ") || "none"}`,
    );
  }
  // Exercise workspaces are never "the only organisation": a command means the real one.
  const live = all.filter((o) => o.kind === "live");
  if (live.length === 1 && live[0]) return live[0];
  throw new AppError(
    "bad_request",
    live.length === 0
      ? "There is no organisation yet; create one with `brandwache user add --org <slug> --create-org <name> …`"
      : `Name the organisation with --org; known: ${live.map((o) => o.slug).join(", ")}`,
  );
}

/** Adds a member; creates the user if the e-mail is new (an existing user keeps their password). */
export async function addMember(
  ctx: AppContext,
  actor: Actor | { orgId: string; system: true },
  input: MemberCreate,
): Promise<MemberRead> {
  if (!("system" in actor) && !canManageMembers(actor)) throw forbidden("manage members");
  const passwordHash = await hash(input.password);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    let user = await repo.findUserByEmail(tx, input.email);
    if (!user) {
      const id = ctx.ids.id();
      await repo.insertUser(tx, {
        id,
        email: input.email,
        name: input.name,
        passwordHash,
        createdAt: now,
        locale: null,
      });
      user = await repo.findUserByEmail(tx, input.email);
    }
    if (!user) throw new AppError("internal", "User vanished during creation");
    if (await repo.findMember(tx, actor.orgId, user.id)) {
      throw new AppError("conflict", `${input.email} is already a member`, [
        { field: "email", message: "already a member of this organisation" },
      ]);
    }
    await repo.insertMembership(tx, {
      orgId: actor.orgId,
      userId: user.id,
      role: input.role,
      createdAt: now,
    });
    await recordAudit(tx, ctx, actor, {
      action: "member.add",
      entityType: "user",
      entityId: user.id,
      detail: { email: user.email, role: input.role },
    });
    return await memberOrThrow(tx, actor.orgId, user.id);
  });
}

/**
 * Gives an existing user a role in an organisation (an exercise workspace they join), or changes the role
 * they hold there; inside the caller's transaction, audited in that organisation.
 */
export async function grantMembership(
  tx: Tx,
  ctx: AppContext,
  input: { orgId: string; userId: string; role: Role },
) {
  const existing = await repo.findMember(tx, input.orgId, input.userId);
  if (existing) {
    if (existing.role !== input.role)
      await repo.updateMembershipRole(tx, input.orgId, input.userId, input.role);
  } else {
    await repo.insertMembership(tx, { ...input, createdAt: ctx.clock.now() });
  }
  await recordAudit(
    tx,
    ctx,
    { orgId: input.orgId, system: true },
    { action: "member.add", entityType: "user", entityId: input.userId, detail: { role: input.role } },
  );
}

/** Deletes exercise workspaces inside the caller's transaction; their sessions move to the real workspace. */
export async function deleteExerciseWorkspaces(tx: Tx, ids: readonly string[]) {
  await repo.deleteExerciseWorkspaces(tx, ids);
}

/** Whether a user belongs to an organisation. */
export async function isMember(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  return Boolean(await repo.findMember(tx, orgId, userId));
}

/** Members of the actor's organisation. */
export async function listMembers(ctx: AppContext, actor: Actor): Promise<MemberRead[]> {
  return (await repo.listMembers(ctx.db, actor.orgId)).map(presentMember);
}

/** Changes a member's role or name; the last admin cannot be demoted. */
export async function updateMember(ctx: AppContext, actor: Actor, userId: string, input: MemberUpdate) {
  if (!canManageMembers(actor)) throw forbidden("manage members");
  return ctx.db.transaction(async (tx) => {
    const member = await repo.findMember(tx, actor.orgId, userId);
    if (!member) throw notFound("Member");
    if (input.role && input.role !== "admin" && member.role === "admin")
      await ensureAnotherAdmin(tx, actor.orgId, userId);
    if (input.role) await repo.updateMembershipRole(tx, actor.orgId, userId, input.role);
    if (input.name) await repo.updateUserName(tx, userId, input.name);
    await recordAudit(tx, ctx, actor, {
      action: "member.update",
      entityType: "user",
      entityId: userId,
      detail: input,
    });
    return await memberOrThrow(tx, actor.orgId, userId);
  });
}

/** Removes a member from the organisation; the last admin cannot be removed. */
export async function removeMember(ctx: AppContext, actor: Actor, userId: string) {
  if (!canManageMembers(actor)) throw forbidden("manage members");
  await ctx.db.transaction(async (tx) => {
    const member = await repo.findMember(tx, actor.orgId, userId);
    if (!member) throw notFound("Member");
    if (member.role === "admin") await ensureAnotherAdmin(tx, actor.orgId, userId);
    await repo.deleteMembership(tx, actor.orgId, userId);
    await recordAudit(tx, ctx, actor, { action: "member.remove", entityType: "user", entityId: userId });
  });
}

async function ensureAnotherAdmin(tx: Parameters<typeof repo.listMembers>[0], orgId: string, userId: string) {
  const admins = (await repo.listMembers(tx, orgId)).filter((m) => m.role === "admin" && m.id !== userId);
  if (admins.length === 0) throw new AppError("conflict", "An organisation needs at least one admin");
}

async function memberOrThrow(tx: Parameters<typeof repo.findMember>[0], orgId: string, userId: string) {
  const member = await repo.findMember(tx, orgId, userId);
  if (!member) throw notFound("Member");
  return presentMember(member);
}

function presentMember(row: {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: Date;
}): MemberRead {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Checks e-mail and password and opens a session; the same error for unknown e-mail and wrong password. */
export async function login(
  ctx: AppContext,
  input: { email: string; password: string },
  sessionHours: number,
): Promise<{ cookie: string; session: Session; expiresAt: Date }> {
  const user = await repo.findUserByEmail(ctx.db, input.email);
  dummyHash ??= hash("not-a-password-of-anyone");
  const ok = await verify(user?.passwordHash ?? (await dummyHash), input.password).catch(() => false);
  const membership = user && ok ? await repo.firstMembershipOf(ctx.db, user.id) : undefined;
  if (!user || !ok || !membership) throw new AppError("invalid_credentials", "E-mail or password is wrong");
  const cookie = ctx.ids.secret(32);
  const csrfToken = ctx.ids.secret(24);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
  await ctx.db.transaction(async (tx) => {
    await repo.deleteExpiredSessions(tx, now);
    await repo.insertSession(tx, {
      id: ctx.ids.id(),
      tokenHash: hashSecret(cookie),
      orgId: membership.orgId,
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt,
    });
    await recordAudit(
      tx,
      ctx,
      { orgId: membership.orgId, userId: user.id, tokenId: null, role: membership.role as Role },
      { action: "auth.login", entityType: "user", entityId: user.id },
    );
  });
  const session = await describeSession(ctx, cookie);
  if (!session) throw new AppError("internal", "Session vanished after login");
  return { cookie, session, expiresAt };
}

/** The session behind a cookie with every workspace of its person (for `/api/auth/me`), or null. */
export async function describeSession(ctx: AppContext, cookie: string): Promise<Session | null> {
  const resolved = await resolveSession(ctx, cookie);
  if (!resolved) return null;
  const workspaces = await repo.workspacesOf(ctx.db, resolved.session.user.id);
  return {
    ...resolved.session,
    workspaces: workspaces.map((w) => ({ ...w, kind: w.kind as OrganisationKind, role: w.role as Role })),
  };
}

/** Moves a browser session to another workspace the person belongs to (a real one or an exercise's). */
export async function switchWorkspace(ctx: AppContext, actor: Actor, cookie: string, orgId: string) {
  if (!actor.userId) throw new AppError("unauthorized", "Only browser sessions can switch workspace");
  const userId = actor.userId;
  await ctx.db.transaction(async (tx) => {
    const member = await repo.findMember(tx, orgId, userId);
    if (!member) throw notFound("Workspace");
    await repo.updateSessionOrg(tx, hashSecret(cookie), orgId);
    await recordAudit(
      tx,
      ctx,
      { ...actor, orgId, role: member.role as Role },
      { action: "auth.switch_workspace", entityType: "organisation", entityId: orgId },
    );
  });
  const session = await describeSession(ctx, cookie);
  if (!session) throw new AppError("unauthorized", "The session has ended; sign in again");
  return session;
}

/** Whether an organisation is a real workspace or a training exercise's, and its owner for an exercise. */
export async function workspaceKind(
  ctx: Pick<AppContext, "db">,
  orgId: string,
): Promise<{ kind: OrganisationKind; parentId: string | null }> {
  const org = await repo.findOrganisation(ctx.db, orgId);
  if (!org) throw notFound("Organisation");
  return { kind: org.kind as OrganisationKind, parentId: org.parentId };
}

/** Refuses what an exercise workspace must not do: reach a real platform or a real person outside. */
export async function assertLiveWorkspace(ctx: Pick<AppContext, "db">, orgId: string, what: string) {
  if ((await workspaceKind(ctx, orgId)).kind === "exercise") {
    throw new AppError(
      "forbidden",
      `Exercise workspaces cannot ${what}: the simulation stands in for real platforms and recipients`,
    );
  }
}

/** The actor and session behind a session cookie, or null if it is unknown or expired. */
export async function resolveSession(
  ctx: AppContext,
  cookie: string,
): Promise<{ actor: Actor; session: Omit<Session, "workspaces"> } | null> {
  const row = await repo.findLiveSession(ctx.db, hashSecret(cookie), ctx.clock.now());
  if (!row) return null;
  const role = row.role as Role;
  return {
    actor: { orgId: row.orgId, role, userId: row.userId, tokenId: null },
    session: {
      user: {
        id: row.userId,
        email: row.email,
        name: row.name,
        locale: (row.locale as "de" | "en" | null) ?? null,
      },
      org: { id: row.orgId, name: row.orgName, slug: row.orgSlug, kind: row.orgKind as OrganisationKind },
      role,
      csrfToken: row.csrfToken,
    },
  };
}

/** Ends a session. */
export async function logout(ctx: AppContext, actor: Actor, cookie: string) {
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSession(tx, hashSecret(cookie));
    await recordAudit(tx, ctx, actor, { action: "auth.logout", entityType: "user", entityId: actor.userId });
  });
}

/** The actor behind an API token secret, or null. */
export async function resolveToken(ctx: AppContext, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(tokenPrefix)) return null;
  const row = await repo.findTokenByHash(ctx.db, hashSecret(secret));
  if (!row) return null;
  await repo.touchToken(ctx.db, row.id, ctx.clock.now());
  return { orgId: row.orgId, role: row.role as Role, userId: null, tokenId: row.id };
}

function presentToken(row: repo.TokenRow) {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates an API token acting with the `agent` role; the secret is returned only here. */
export async function createToken(ctx: AppContext, actor: Actor, input: { name: string }) {
  if (!canManageTokens(actor)) throw forbidden("manage API tokens");
  const secret = `${tokenPrefix}${ctx.ids.secret(32)}`;
  const id = ctx.ids.id();
  return ctx.db.transaction(async (tx) => {
    await repo.insertToken(tx, {
      id,
      orgId: actor.orgId,
      name: input.name,
      tokenHash: hashSecret(secret),
      role: "agent",
      createdBy: actor.userId,
      createdAt: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, actor, {
      action: "token.create",
      entityType: "api_token",
      entityId: id,
      detail: input,
    });
    const row = await repo.findToken(tx, actor.orgId, id);
    if (!row) throw notFound("API token");
    return { ...presentToken(row), token: secret };
  });
}

/** API tokens of the organisation (without secrets). */
export async function listTokens(ctx: AppContext, actor: Actor) {
  if (!canManageTokens(actor)) throw forbidden("manage API tokens");
  return (await repo.listTokens(ctx.db, actor.orgId)).map(presentToken);
}

/** Revokes an API token. */
export async function revokeToken(ctx: AppContext, actor: Actor, id: string) {
  if (!canManageTokens(actor)) throw forbidden("manage API tokens");
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.findToken(tx, actor.orgId, id))) throw notFound("API token");
    await repo.deleteToken(tx, actor.orgId, id);
    await recordAudit(tx, ctx, actor, { action: "token.revoke", entityType: "api_token", entityId: id });
  });
}

/**
 * Names of the organisation's members by user id (non-members left out), for showing who wrote, approved or was
 * mentioned and for checking that a person named in a request belongs to the organisation; inside the caller's
 * transaction when given one.
 */
export async function memberNames(
  tx: Tx,
  orgId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  return repo.memberNames(tx, orgId, userIds);
}
