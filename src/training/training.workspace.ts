// The sandbox of a team: an organisation of kind `exercise` set up like the scenario's company.

import { AlertRuleCreate } from "../alerts/alerts.schema.ts";
import { createRule } from "../alerts/alerts.service.ts";
import { playerScenario } from "../core/training/training.scenario.ts";
import { createOrganisation, grantMembership } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { getPublishingRules, savePublishingRules } from "../publishing/publishing.rules.ts";
import { saveRiskProfile } from "../risk/risk.service.ts";
import { seedStakeholders } from "../scenarios/scenarios.service.ts";
import { createTopic } from "../topics/topics.service.ts";

import * as repo from "./training.repo.ts";

const slugPart = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 24) || "team";

/** Makes a team and its exercise workspace, set up like the scenario's company: profile, topic, alert rules. */
export async function createTeam(
  ctx: AppContext,
  exercise: repo.ExerciseRow,
  name: string,
  trainerId: string | null,
) {
  const s = exercise.scenario;
  const lang = exercise.lang as "de" | "en";
  const prefix = lang === "de" ? "Übung" : "Exercise";
  const workspace = await createOrganisation(ctx, {
    name: `${prefix}: ${s.organisation.name} (${name})`.slice(0, 200),
    slug: `uebung-${slugPart(s.id)}-${slugPart(name)}-${ctx.ids
      .secret(4)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`,
    kind: "exercise",
    parentId: exercise.orgId,
  });
  const system = { orgId: workspace.id, system: true } as const;
  await saveRiskProfile(ctx, system, {
    brandNames: [s.organisation.name, ...s.organisation.handles.slice(0, 1)],
    domains: s.organisation.domains,
    officialAccounts: s.organisation.handles.map((handle) => ({ handle })),
    executives: s.organisation.executives,
    watchlist: s.organisation.watchlist,
  });
  const terms = [
    `"${s.organisation.name.replace(/"/g, "")}"`,
    ...s.organisation.handles.map((h) => `@${h}`),
    ...s.organisation.hashtags,
  ];
  const topic = await createTopic(ctx, system, {
    name: s.organisation.name.slice(0, 120),
    query: terms.join(" OR "),
    description:
      lang === "de" ? "Alles über das Unternehmen der Übung" : "Everything about the exercise's company",
  });
  const rules = [
    {
      name: lang === "de" ? "Shitstorm-Frühwarnung" : "Storm warning",
      condition: { kind: "level_reached", minLevel: 3 },
      severity: "critical",
    },
    {
      name: lang === "de" ? "Drohungen und Angriffe" : "Threats and attacks",
      condition: { kind: "priority_post", minPriority: 0.7 },
      severity: "critical",
    },
  ];
  for (const rule of rules) {
    await createRule(ctx, system, AlertRuleCreate.parse({ ...rule, topicId: topic.id, cooldownMinutes: 30 }));
  }
  await seedStakeholders(ctx, system, playerScenario(s, lang));
  // A team speaks with one voice: every reply goes through the four-eyes approval. Alone, only risky ones
  // do (by the usual score threshold). Exercises run at any hour, so staffed hours do not ask for approval.
  await savePublishingRules(
    ctx,
    { orgId: workspace.id, role: "admin", userId: null, tokenId: null },
    {
      ...(await getPublishingRules(ctx, workspace.id)),
      everyDraftNeedsApproval: exercise.mode === "team",
      outsideHoursNeedsApproval: false,
    },
  );
  const team = {
    id: ctx.ids.id(),
    exerciseId: exercise.id,
    name,
    workspaceId: workspace.id,
    createdAt: ctx.clock.now(),
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertTeam(tx, team);
    // The trainer can look into every team's workspace.
    if (trainerId) await grantMembership(tx, ctx, { orgId: workspace.id, userId: trainerId, role: "admin" });
  });
  return team;
}

/** Creates an exercise in the lobby with its teams (team mode); trainees join by its link. */
