import { recordAudit } from "../audit/audit.service.ts";
import type { StakeholderGroup } from "../core/scenario/scenario.schema.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { canEditStakeholders } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import * as repo from "./stakeholders.repo.ts";
import type {
  StakeholderAccountCreate,
  StakeholderAccountRead,
  StakeholderAccountUpdate,
  Stance,
} from "./stakeholders.schema.ts";

const weekMs = 7 * 24 * 3_600_000;

function present(
  row: repo.StakeholderRow,
  activity: { followers: number | null; posts7d: number; critical7d: number; lastPostAt: string | null },
): StakeholderAccountRead {
  return {
    id: row.id,
    platform: row.platform,
    handle: row.handle,
    group: row.group as StakeholderGroup,
    stance: row.stance as Stance,
    influence: row.influence,
    name: row.name,
    note: row.note,
    posts7d: activity.posts7d,
    critical7d: activity.critical7d,
    followers: activity.followers,
    lastPostAt: activity.lastPostAt ? new Date(activity.lastPostAt).toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const noActivity = { followers: null, posts7d: 0, critical7d: 0, lastPostAt: null };

/** The organisation's stakeholder map with each account's posts of the last 7 days. */
export async function listStakeholders(ctx: AppContext, actor: Actor): Promise<StakeholderAccountRead[]> {
  const since = new Date(ctx.clock.now().getTime() - weekMs);
  return (await repo.listWithActivity(ctx.db, actor.orgId, since)).map(({ row, ...activity }) =>
    present(row, activity),
  );
}

/** Tells every process that the map changed (the escalation monitor keeps a copy). */
async function changed(ctx: AppContext, orgId: string) {
  await ctx.bus.publish("stakeholders.changed", { orgId });
}

/** Puts an account on the map (managers and admins; the system when it seeds a workspace). */
export async function addStakeholder(
  ctx: AppContext,
  actor: Actor | { orgId: string; system: true },
  input: StakeholderAccountCreate,
): Promise<StakeholderAccountRead> {
  if (!("system" in actor) && !canEditStakeholders(actor)) throw forbidden("edit the stakeholder map");
  const now = ctx.clock.now();
  const row: repo.StakeholderRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    platform: input.platform,
    handle: input.handle,
    group: input.group,
    stance: input.stance,
    influence: input.influence,
    name: input.name ?? null,
    note: input.note ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.insertAccount(tx, row))) {
      throw new AppError("conflict", `@${input.handle} on ${input.platform} is on the map already`, [
        { field: "handle", message: "already on the stakeholder map" },
      ]);
    }
    await recordAudit(tx, ctx, actor, {
      action: "stakeholder.add",
      entityType: "stakeholder",
      entityId: row.id,
      detail: input,
    });
  });
  await changed(ctx, actor.orgId);
  return present(row, noActivity);
}

/** Changes an account's group, stance, influence, name or note. */
export async function updateStakeholder(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: StakeholderAccountUpdate,
): Promise<StakeholderAccountRead> {
  if (!canEditStakeholders(actor)) throw forbidden("edit the stakeholder map");
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.findAccount(tx, actor.orgId, id))) throw notFound("Stakeholder");
    await repo.updateAccount(tx, actor.orgId, id, { ...input, updatedAt: ctx.clock.now() });
    await recordAudit(tx, ctx, actor, {
      action: "stakeholder.update",
      entityType: "stakeholder",
      entityId: id,
      detail: input,
    });
  });
  await changed(ctx, actor.orgId);
  const found = (await listStakeholders(ctx, actor)).find((s) => s.id === id);
  if (!found) throw notFound("Stakeholder");
  return found;
}

/** Takes an account off the map. */
export async function removeStakeholder(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!canEditStakeholders(actor)) throw forbidden("edit the stakeholder map");
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteAccount(tx, actor.orgId, id))) throw notFound("Stakeholder");
    await recordAudit(tx, ctx, actor, {
      action: "stakeholder.remove",
      entityType: "stakeholder",
      entityId: id,
    });
  });
  await changed(ctx, actor.orgId);
}

/** `platform:handle` → group of every account on the organisation's map (handles lower-case). */
export async function stakeholderDirectory(
  ctx: AppContext,
  orgId: string,
): Promise<Map<string, StakeholderGroup>> {
  const rows = await repo.listAccounts(ctx.db, orgId);
  return new Map(rows.map((r) => [`${r.platform}:${r.handle}`, r.group as StakeholderGroup]));
}
