import { AccountSecurityWrite } from "../accounts/accounts.schema.ts";
import { recordSecurity } from "../accounts/accounts.service.ts";
import { AlertRuleCreate } from "../alerts/alerts.schema.ts";
import { createRule } from "../alerts/alerts.service.ts";
import type { Scenario } from "../core/scenario/scenario.schema.ts";
import type { Role } from "../orgs/orgs.schema.ts";
import { addMember, createOrganisation, findOrganisationBySlug } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Metrics } from "../platform/http/metrics.ts";
import { categoryLogger } from "../platform/logger.ts";
import type { Platform } from "../posts/posts.schema.ts";
import { publishIngested } from "../posts/posts.service.ts";
import type { RiskProfile } from "../risk/risk.schema.ts";
import { saveRiskProfile } from "../risk/risk.service.ts";
import { ensureSource } from "../sources/sources.service.ts";
import type { Stance } from "../stakeholders/stakeholders.schema.ts";
import { addStakeholder } from "../stakeholders/stakeholders.service.ts";
import { createTopic } from "../topics/topics.service.ts";
import { demoScenarioPath, loadScenarioFile } from "./scenarios.files.ts";
import { startScenarioPlayer } from "./scenarios.player.ts";
import * as repo from "./scenarios.repo.ts";

/** The demo organisation and how to sign in to it. */
export interface DemoWorkspace {
  orgId: string;
  slug: string;
  email: string;
  password: string;
}

const demoAdmin = { email: "admin@nordwind-mobil.de", name: "Katrin Albers", role: "admin" } as const;

const demo = {
  slug: "nordwind-mobil",
  name: "Nordwind Mobil GmbH",
  password: "nordwind-demo-2026",
  members: [
    demoAdmin,
    { email: "lena.hoffmann@nordwind-mobil.de", name: "Lena Hoffmann", role: "manager" },
    { email: "jonas.weber@nordwind-mobil.de", name: "Jonas Weber", role: "agent" },
    { email: "mia.schulz@nordwind-mobil.de", name: "Mia Schulz", role: "viewer" },
  ] satisfies { email: string; name: string; role: Role }[],
  riskProfile: {
    brandNames: ["Nordwind", "Nordwind Mobil"],
    domains: ["nordwind-mobil.de"],
    officialAccounts: [
      { handle: "nordwindmobil" },
      { handle: "nordwind_hilfe" },
      { handle: "nordwind_karriere" },
    ],
    executives: ["Anke Petersen", "Malte Jürgensen"],
    // "Leuchtturm" is the internal name of the core-network update the demo's leaking employee names.
    watchlist: ["Leuchtturm", "Projekt Leuchtturm", "intranet.nordwind-mobil.de"],
  } satisfies RiskProfile,
  // In-app alerts only: channels (e-mail, Slack, Teams, webhooks) need the team's own addresses.
  alertRules: [
    {
      name: "Kritische Stimmen häufen sich (Stufe 2) / critical voices gather (level 2)",
      condition: { kind: "level_reached", minLevel: 2 },
      severity: "info",
      cooldownMinutes: 60,
    },
    {
      name: "Shitstorm-Frühwarnung ab Stufe 3 / storm warning from level 3",
      condition: { kind: "level_reached", minLevel: 3 },
      severity: "critical",
      cooldownMinutes: 60,
    },
    {
      name: "Ungewöhnliches Volumen / unusual volume",
      condition: { kind: "anomaly", minScore: 0.9 },
      severity: "warning",
      cooldownMinutes: 30,
    },
    {
      name: "Drohungen und Angriffe sofort / threats and attacks at once",
      condition: { kind: "priority_post", minPriority: 0.7 },
      severity: "critical",
      cooldownMinutes: 15,
    },
    {
      name: "Eigenes Konto gehackt? / own account hacked?",
      condition: { kind: "account_takeover" },
      severity: "critical",
      cooldownMinutes: 30,
    },
    {
      name: "Beschwerdewelle Netz / complaint wave about the network",
      topic: "Netzstörung / Outage",
      condition: { kind: "risk_count", category: "complaint", count: 15, windowMinutes: 30 },
      severity: "warning",
      cooldownMinutes: 60,
    },
    {
      name: "Lagebericht der Woche / weekly situation report",
      condition: {
        kind: "report_digest",
        frequency: "weekly",
        weekday: 1,
        hour: 8,
        timeZone: "Europe/Berlin",
      },
      severity: "info",
      cooldownMinutes: 0,
    },
  ] as { name: string; topic?: string; condition: unknown; severity: string; cooldownMinutes: number }[],
  topics: [
    {
      name: "Marke Nordwind",
      query: 'nordwind* OR #nordwind OR @nordwindmobil OR @nordwind_hilfe OR "nordwind mobil"',
      description: "Alles über die Marke / everything about the brand",
    },
    {
      name: "Netzstörung / Outage",
      query:
        'störung* OR ausfall OR funkloch OR "kein netz" OR "kein internet" OR netzausfall OR outage OR "no signal" OR "no service" OR #nordwinddown',
      description: "Frühwarnung für Netzprobleme / early warning for network trouble",
    },
    {
      name: "Service & Hotline",
      query:
        'hotline OR warteschleife OR kundenservice OR kundendienst OR support OR "customer service" OR chat*',
      description: "Wie erleben Kunden unseren Service? / how customers experience our service",
    },
    {
      name: "Rechnung & Vertrag",
      query:
        "rechnung* OR kündig* OR vertrag* OR tarif* OR preiserhöhung OR invoice OR bill* OR contract* OR cancel*",
      description: "Beschwerden zu Rechnung und Vertrag / billing and contract complaints",
    },
    {
      name: "Karriere / Jobs",
      query: "job* OR karriere OR bewerb* OR ausbildung OR stelle* OR hiring OR career* OR internship",
      description: "Chancen im Recruiting / recruiting opportunities",
    },
  ],
};

/** Creates the demo organisation (Nordwind Mobil GmbH), its members and topics, once; later calls find it. */
export async function seedDemoWorkspace(ctx: AppContext): Promise<DemoWorkspace> {
  let org = await findOrganisationBySlug(ctx, demo.slug);
  if (!org) {
    const created = await createOrganisation(ctx, { name: demo.name, slug: demo.slug });
    const system = { orgId: created.id, system: true } as const;
    for (const m of demo.members) await addMember(ctx, system, { ...m, password: demo.password });
    const topicIds = new Map<string, string>();
    for (const t of demo.topics) topicIds.set(t.name, (await createTopic(ctx, system, t)).id);
    for (const { topic, ...rule } of demo.alertRules) {
      await createRule(
        ctx,
        system,
        AlertRuleCreate.parse({ ...rule, topicId: topic ? topicIds.get(topic) : null }),
      );
    }
    await saveRiskProfile(ctx, system, demo.riskProfile);
    await seedStakeholders(ctx, system, await loadDemoScenario());
    await seedAccountSecurity(ctx, system);
    org = await findOrganisationBySlug(ctx, demo.slug);
    categoryLogger(ctx.log, "demo").info({ org: demo.slug }, "demo workspace seeded");
  }
  if (!org) throw new Error("demo organisation vanished after seeding");
  return { orgId: org.id, slug: org.slug, email: demoAdmin.email, password: demo.password };
}

/**
 * What the demo team recorded about its accounts, so the Accounts page has something to judge: the main
 * account well protected, the support account on SMS codes with a large team and overdue checks, the
 * careers account never recorded.
 */
async function seedAccountSecurity(ctx: AppContext, system: { orgId: string; system: true }) {
  const daysAgo = (days: number) =>
    new Date(ctx.clock.now().getTime() - days * 86_400_000).toISOString().slice(0, 10);
  const records = [
    {
      handle: "nordwindmobil",
      owner: "Katrin Albers",
      posters: ["Katrin Albers", "Lena Hoffmann"],
      twoFactor: "security_key",
      recoveryContact: "it-security@nordwind-mobil.de",
      recoveryVerifiedOn: daysAgo(41),
      accessReviewedOn: daysAgo(23),
      connectedApps: ["Brandwache"],
    },
    {
      handle: "nordwind_hilfe",
      owner: "Lena Hoffmann",
      posters: [
        "Lena Hoffmann",
        "Jonas Weber",
        "Aylin Demir",
        "Tom Brandt",
        "Sven Ohlsen",
        "Jana Voss",
        "Externe Agentur",
      ],
      twoFactor: "sms",
      recoveryContact: "service-leitung@nordwind-mobil.de",
      recoveryVerifiedOn: daysAgo(212),
      accessReviewedOn: daysAgo(124),
      connectedApps: ["Brandwache", "Hotline-CRM"],
      note: "Zugang wird im Schichtbetrieb geteilt / login shared across shifts",
    },
  ];
  for (const record of records) await recordSecurity(ctx, system, AccountSecurityWrite.parse(record));
}

// After a long stop the demo does not replay every post it missed: ten minutes of catch-up is enough
// to show a live stream again without flooding the embedded database.
const maxCatchUpMs = 10 * 60_000;

async function loadDemoScenario(): Promise<Scenario> {
  const loaded = await loadScenarioFile(demoScenarioPath);
  if (!loaded.ok) {
    throw new Error(
      `Demo scenario is invalid:\n${loaded.errors.map((e) => `${e.file}:${e.line}: ${e.field}: ${e.message}`).join("\n")}`,
    );
  }
  return loaded.scenario;
}

// How the demo team judges each group at the start; they change it on the Stakeholders page.
const stanceOfGroup: Partial<Record<string, Stance>> = {
  official_account: "friend",
  employee: "friend",
  press: "neutral",
  radio: "neutral",
  tv: "neutral",
  police: "neutral",
  regulator: "neutral",
  impersonator: "foe",
  scammer: "foe",
  competitor: "foe",
};

/** Puts the scenario's named personas on the stakeholder map, on the platforms they post on. */
export async function seedStakeholders(
  ctx: AppContext,
  system: { orgId: string; system: true },
  scenario: Scenario,
) {
  const platforms = new Map<string, Set<Platform>>();
  const note = (persona: string, platform: Platform) =>
    platforms.set(persona, (platforms.get(persona) ?? new Set()).add(platform));
  for (const inject of scenario.injects) note(inject.persona, inject.platform);
  for (const stream of scenario.streams) {
    for (const persona of stream.personas)
      for (const platform of Object.keys(stream.platforms) as Platform[]) note(persona, platform);
  }
  const seen = new Set<string>();
  for (const persona of scenario.personas) {
    for (const platform of platforms.get(persona.id) ?? []) {
      const key = `${platform}:${persona.handle.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await addStakeholder(ctx, system, {
        platform,
        handle: persona.handle.toLowerCase(),
        group: persona.group,
        stance: stanceOfGroup[persona.group] ?? "unknown",
        influence: Math.min(5, Math.max(1, Math.ceil(Math.log10(Math.max(persona.followers, 1))))),
        name: persona.displayName,
      });
    }
  }
}

/** Plays the demo scenario into the organisation's normal ingest path, resuming a run after a restart. */
export async function startDemoStream(ctx: AppContext, workspace: DemoWorkspace, metrics?: Metrics) {
  return playScenario(ctx, workspace.orgId, await loadDemoScenario(), metrics);
}

/** Plays a scenario into an organisation: the run is stored, so a restart continues it instead of starting over. */
export async function playScenario(ctx: AppContext, orgId: string, scenario: Scenario, metrics?: Metrics) {
  await repo.insertScenarioRun(ctx.db, {
    id: ctx.ids.id(),
    orgId,
    scenarioId: scenario.id,
    status: "playing",
    startedAt: ctx.clock.now(),
    deliveredMs: 0,
  });
  const run = await repo.findScenarioRun(ctx.db, orgId, scenario.id);
  if (!run) throw new Error(`scenario run ${scenario.id} vanished`);
  const sourceId = await ensureSource(ctx, orgId, "scenario", scenario.id);
  const elapsedMs = ctx.clock.now().getTime() - run.startedAt.getTime();
  const player = startScenarioPlayer({
    scenario,
    startedAt: run.startedAt,
    clock: ctx.clock,
    resumeFromMs: Math.max(run.deliveredMs, elapsedMs - maxCatchUpMs),
    sink: async (posts) => {
      await publishIngested(ctx, orgId, posts, sourceId);
      metrics?.postsIngested.inc({ source: "scenario" }, posts.length);
    },
    onError: (error) =>
      categoryLogger(ctx.log, "demo").warn(
        { err: error, scenario: scenario.id },
        "scenario delivery failed; retrying",
      ),
  });
  const saveProgress = () => repo.updateDelivered(ctx.db, run.id, player.elapsedMs());
  const timer = setInterval(() => void saveProgress().catch(() => {}), 10_000);
  return async () => {
    clearInterval(timer);
    await player.stop();
    await saveProgress();
  };
}
