import { fileURLToPath } from "node:url";
import { recordAudit } from "../audit/audit.service.ts";
import {
  type AssessInput,
  type Assessment,
  assessPost,
  createRiskEngine,
  type OrgRiskInputs,
  type RiskEngine,
} from "../core/risk/assess.ts";
import { loadModels } from "../core/risk/classify/classify.load.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { forbidden } from "../platform/http/errors.ts";
import { canAnalyze, canEditRiskProfile } from "./risk.policy.ts";
import * as repo from "./risk.repo.ts";
import { type AnalysisRead, type AnalyzeItem, RiskProfile } from "./risk.schema.ts";

const emptyProfile: RiskProfile = RiskProfile.parse({});

/** The organisation's risk profile (empty until someone saves one). */
export async function getRiskProfile(ctx: AppContext, orgId: string): Promise<RiskProfile> {
  return (await repo.findRiskProfile(ctx.db, orgId)) ?? emptyProfile;
}

/** Replaces the organisation's risk profile; every process's engine reloads it. */
export async function saveRiskProfile(
  ctx: AppContext,
  actor: Actor | { orgId: string; system: true },
  profile: RiskProfile,
): Promise<RiskProfile> {
  if (!("system" in actor) && !canEditRiskProfile(actor)) throw forbidden("edit the risk profile");
  await ctx.db.transaction(async (tx) => {
    await repo.upsertRiskProfile(tx, actor.orgId, profile, ctx.clock.now());
    await recordAudit(tx, ctx, actor, {
      action: "risk_profile.update",
      entityType: "risk_profile",
      entityId: actor.orgId,
      detail: profile,
    });
  });
  await ctx.bus.publish("risk.changed", { orgId: actor.orgId });
  return profile;
}

/** Adds hosts to a named block list of the organisation; returns how many were new. */
export async function importBlockedHosts(
  ctx: AppContext,
  actor: Actor | { orgId: string; system: true },
  list: string,
  hosts: Iterable<string>,
): Promise<{ added: number; total: number }> {
  if (!("system" in actor) && !canEditRiskProfile(actor)) throw forbidden("edit block lists");
  const all = [...new Set(hosts)];
  let added = 0;
  // Batches keep each statement's parameter count well below PostgreSQL's limit of 65,535.
  for (let i = 0; i < all.length; i += 5000) {
    added += await repo.insertBlockedHosts(
      ctx.db,
      actor.orgId,
      list,
      all.slice(i, i + 5000),
      ctx.clock.now(),
    );
  }
  await recordAudit(ctx.db, ctx, actor, {
    action: "blocklist.import",
    entityType: "blocklist",
    entityId: list,
    detail: { added, total: all.length },
  });
  await ctx.bus.publish("risk.changed", { orgId: actor.orgId });
  return { added, total: all.length };
}

/** The organisation's block lists and their sizes. */
export async function listBlockLists(ctx: AppContext, orgId: string) {
  return repo.countBlockedHostsByList(ctx.db, orgId);
}

/** Everything the risk engine needs to know about one organisation. */
export async function loadRiskInputs(ctx: AppContext, orgId: string) {
  const [profile, hosts] = await Promise.all([
    getRiskProfile(ctx, orgId),
    repo.listBlockedHosts(ctx.db, orgId),
  ]);
  return { profile, knownBadHosts: new Set(hosts) as ReadonlySet<string> };
}

/** Where the trained classifier models live. */
export const defaultModelsDir = fileURLToPath(new URL("../../models", import.meta.url));

/** Assesses texts for organisations: the models are loaded once, each organisation's profile is cached. */
export interface RiskAssessor {
  /** Assesses one text for one organisation. */
  assess(orgId: string, input: AssessInput): Promise<Assessment>;
  /** Stops listening for profile changes. */
  close(): void;
}

/** Creates the process's assessor; profiles reload when any process publishes `risk.changed`. */
export function createRiskAssessor(ctx: AppContext, modelsDir = defaultModelsDir): RiskAssessor {
  let engine: Promise<RiskEngine> | undefined;
  const inputs = new Map<string, Promise<OrgRiskInputs>>();
  const unlisten = ctx.bus.listen("risk.changed", (payload) => {
    const orgId = (payload as { orgId?: unknown }).orgId;
    if (typeof orgId === "string") inputs.delete(orgId);
  });
  const inputsOf = (orgId: string) => {
    let found = inputs.get(orgId);
    if (!found) {
      found = loadRiskInputs(ctx, orgId).then(({ profile, knownBadHosts }) => ({
        org: profile,
        knownBadHosts,
      }));
      found.catch(() => inputs.delete(orgId));
      inputs.set(orgId, found);
    }
    return found;
  };
  return {
    async assess(orgId, input) {
      engine ??= loadModels(modelsDir).then(createRiskEngine);
      const [e, org] = await Promise.all([engine, inputsOf(orgId)]);
      return assessPost(e, input, org);
    },
    close: unlisten,
  };
}

/** Assesses a batch for `POST /api/analyze`, with the organisation's profile. */
export async function analyzeTexts(
  actor: Actor,
  risk: RiskAssessor,
  items: AnalyzeItem[],
): Promise<AnalysisRead[]> {
  if (!canAnalyze(actor)) throw forbidden("analyse texts");
  const out: AnalysisRead[] = [];
  for (const item of items) {
    const a = await risk.assess(actor.orgId, item);
    out.push({
      ...(item.id !== undefined ? { id: item.id } : {}),
      lang: a.lang,
      priority: a.priority,
      risks: a.risks,
    });
  }
  return out;
}

/** An analyser without a database, for `brandwache analyze`: the profile and block list come from files. */
export async function createProfileAnalyzer(
  profile: RiskProfile,
  knownBadHosts: ReadonlySet<string> = new Set(),
  modelsDir = defaultModelsDir,
): Promise<(item: AnalyzeItem) => AnalysisRead> {
  const engine = createRiskEngine(await loadModels(modelsDir));
  const inputs: OrgRiskInputs = { org: profile, knownBadHosts };
  return (item) => {
    const a = assessPost(engine, item, inputs);
    return {
      ...(item.id !== undefined ? { id: item.id } : {}),
      lang: a.lang,
      priority: a.priority,
      risks: a.risks,
    };
  };
}
