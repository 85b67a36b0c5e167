import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
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

/** Creates a source for a connector inside the caller's transaction; returns its id. */
export async function createConnectorSource(
  tx: Tx,
  ctx: Pick<AppContext, "ids" | "clock">,
  orgId: string,
  kind: string,
  name: string,
): Promise<string> {
  const id = ctx.ids.id();
  await repo.insertSource(tx, { id, orgId, kind, name, config: {}, createdAt: ctx.clock.now() });
  return id;
}

/** Renames a connector's source. */
export async function renameSource(tx: Tx, orgId: string, id: string, name: string): Promise<void> {
  await repo.renameSource(tx, orgId, id, name);
}

/** Deletes a connector's source; its posts stay (their source becomes null). */
export async function deleteSource(tx: Tx, orgId: string, id: string): Promise<boolean> {
  return repo.deleteSource(tx, orgId, id);
}

/** The name of a source. */
export async function sourceNames(ctx: AppContext, orgId: string): Promise<Map<string, string>> {
  return new Map((await repo.listSourcesWithCounts(ctx.db, orgId)).map((s) => [s.id, s.name]));
}
