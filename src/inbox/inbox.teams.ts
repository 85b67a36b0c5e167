// Teams conversations can be assigned to (Settings → Inbox).
import { recordAudit } from "../audit/audit.service.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { listMembers } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { canManageInbox, canReadInbox } from "./inbox.policy.ts";
import * as repo from "./inbox.repo.ts";
import type { TeamCreate, TeamRead, TeamUpdate } from "./inbox.schema.ts";

const presentTeam = (row: repo.TeamRow): TeamRead => ({
  id: row.id,
  name: row.name,
  memberIds: row.memberIds,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** The organisation's teams. */
export async function listTeams(ctx: AppContext, actor: Actor): Promise<TeamRead[]> {
  if (!canReadInbox(actor)) throw forbidden("read the inbox");
  return (await repo.listTeams(ctx.db, actor.orgId)).map(presentTeam);
}

// Members are read before the transaction: on PGlite (one connection) a read outside it would wait forever.
async function checkTeam(
  tx: Tx,
  orgId: string,
  members: readonly { id: string }[],
  input: { name?: string | undefined; memberIds?: string[] | undefined },
  id?: string,
) {
  if (input.name !== undefined) {
    const same = await repo.teamByName(tx, orgId, input.name);
    if (same && same.id !== id) throw new AppError("conflict", `A team named “${input.name}” exists already`);
  }
  if (input.memberIds && input.memberIds.length > 0) {
    const known = new Set(members.map((m) => m.id));
    const problems = input.memberIds
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => !known.has(m))
      .map(({ m, i }) => ({ field: `memberIds.${i}`, message: `no member ${m} in this organisation` }));
    if (problems.length > 0) throw new AppError("validation_failed", "Unknown member", problems);
  }
}

/** Creates a team (managers). */
export async function createTeam(ctx: AppContext, actor: Actor, input: TeamCreate): Promise<TeamRead> {
  if (!canManageInbox(actor)) throw forbidden("manage teams");
  const members = await listMembers(ctx, actor);
  return ctx.db.transaction(async (tx) => {
    await checkTeam(tx, actor.orgId, members, input);
    const now = ctx.clock.now();
    const row: repo.TeamRow = {
      id: ctx.ids.id(),
      orgId: actor.orgId,
      name: input.name,
      memberIds: [...new Set(input.memberIds)],
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertTeam(tx, row);
    await recordAudit(tx, ctx, actor, {
      action: "inbox_team.create",
      entityType: "inbox_team",
      entityId: row.id,
      detail: input,
    });
    return presentTeam(row);
  });
}

/** Renames a team or changes its members (managers). */
export async function updateTeam(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: TeamUpdate,
): Promise<TeamRead> {
  if (!canManageInbox(actor)) throw forbidden("manage teams");
  const members = await listMembers(ctx, actor);
  return ctx.db.transaction(async (tx) => {
    if (!(await repo.findTeam(tx, actor.orgId, id))) throw notFound("Team");
    await checkTeam(tx, actor.orgId, members, input, id);
    await repo.updateTeam(tx, actor.orgId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.memberIds !== undefined ? { memberIds: [...new Set(input.memberIds)] } : {}),
      updatedAt: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, actor, {
      action: "inbox_team.update",
      entityType: "inbox_team",
      entityId: id,
      detail: input,
    });
    const row = await repo.findTeam(tx, actor.orgId, id);
    if (!row) throw notFound("Team");
    return presentTeam(row);
  });
}

/** Deletes a team; its conversations become unassigned (managers). */
export async function deleteTeam(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!canManageInbox(actor)) throw forbidden("manage teams");
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteTeam(tx, actor.orgId, id))) throw notFound("Team");
    await recordAudit(tx, ctx, actor, {
      action: "inbox_team.delete",
      entityType: "inbox_team",
      entityId: id,
    });
  });
}
