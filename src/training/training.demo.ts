import { listMembers } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import * as repo from "./training.repo.ts";
import { createExercise } from "./training.service.ts";

/**
 * Gives the demo workspace an exercise to try: "A complaint escalates" in German for one team, waiting in
 * the lobby, run by the demo admin (a trainer). Created once; a later start finds it (or the trainer's own).
 */
export async function seedDemoExercise(ctx: AppContext, demo: { orgId: string; email: string }) {
  if ((await repo.listExercises(ctx.db, demo.orgId)).length > 0) return null;
  const system = { orgId: demo.orgId, role: "admin" as const, userId: null, tokenId: null };
  const admin = (await listMembers(ctx, system)).find((m) => m.email === demo.email);
  if (!admin) return null;
  return createExercise(
    ctx,
    { orgId: demo.orgId, role: "admin", userId: admin.id, tokenId: null },
    { scenarioId: "complaint-escalates", lang: "de", mode: "team", teams: ["Team Nord"], speed: 2 },
  );
}
