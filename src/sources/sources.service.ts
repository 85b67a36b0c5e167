import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import * as repo from "./sources.repo.ts";
import type { SourceKind, SourceRead } from "./sources.schema.ts";

/** The source of this kind and name, created on first use. */
export async function ensureSource(
  ctx: AppContext,
  orgId: string,
  kind: SourceKind,
  name: string,
): Promise<string> {
  const existing = await repo.findSourceByName(ctx.db, orgId, kind, name);
  if (existing) return existing.id;
  const id = ctx.ids.id();
  await repo.insertSource(ctx.db, { id, orgId, kind, name, config: {}, createdAt: ctx.clock.now() });
  return id;
}

/** Sources of the actor's organisation. */
export async function listSources(ctx: AppContext, actor: Actor): Promise<SourceRead[]> {
  const rows = await repo.listSourcesWithCounts(ctx.db, actor.orgId);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
