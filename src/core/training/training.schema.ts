// The training scenario file: a scenario of the foundation's player (personas, crowds, injects, streams)
// written in German and English, plus what makes it an exercise: the risks it trains, the incident roles
// it needs, branches that react to what the trainees do, and the rubric the debrief scores against.
import { z } from "zod";
import { Crowd, Duration, Persona, ScenarioPlatform, Stream } from "../scenario/scenario.schema.ts";

const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "use lower-case letters, digits, '-' and '_' (at most 64)");

/** Text in both product languages; the exercise plays the one its trainer picks. */
export const TrainingText = z.strictObject({
  /** German. */
  de: z.string().min(1).max(40_000),
  /** English. */
  en: z.string().min(1).max(40_000),
});
export type TrainingText = z.infer<typeof TrainingText>;

/** The risks of the course a scenario trains (the playbooks' risks plus two the course names on their own). */
export const TrainingRisk = z.enum([
  "escalating_complaint",
  "insult_defamation",
  "shitstorm",
  "coordinated_campaign",
  "hacked_account",
  "malware_phishing",
  "data_leak",
  "impersonation",
  "threat_of_violence",
  "press_inquiry",
  "recruiting_backfire",
]);
export type TrainingRisk = z.infer<typeof TrainingRisk>;

/** The incident roles of the crisis team (Krisenstab), as the incidents module knows them. */
export const TrainingRole = z.enum(["lead", "communications", "legal", "it_security", "management"]);
export type TrainingRole = z.infer<typeof TrainingRole>;

/** How hard the exercise is. */
export const TrainingLevel = z.enum(["basic", "advanced"]);

/** One scripted post of a training scenario: like the player's inject, with its text in both languages. */
export const TrainingInject = z.strictObject({
  /** Id, unique among injects, branch injects and streams; part of the external id. */
  id: Slug,
  /** When it is posted, after the exercise start. */
  at: Duration,
  /** Id of the persona who posts it. */
  persona: Slug,
  /** The platform it appears on. */
  platform: ScenarioPlatform,
  /** The text in German and English. */
  text: TrainingText,
  /** Id of an earlier inject this post replies to. */
  replyTo: Slug.optional(),
  /** Engagement counters. */
  metrics: z
    .strictObject({
      likes: z.number().int().nonnegative().optional(),
      shares: z.number().int().nonnegative().optional(),
      replies: z.number().int().nonnegative().optional(),
      views: z.number().int().nonnegative().optional(),
    })
    .optional(),
  /** The trainees are expected to answer this post; the rubric times the first reply. */
  expectReply: z.boolean().default(false),
});
export type TrainingInject = z.infer<typeof TrainingInject>;

/** A post a branch adds: like an inject, but timed from the moment the branch fires. */
export const BranchInject = TrainingInject.omit({ at: true, expectReply: true }).extend({
  /** How long after the branch fires it is posted. */
  after: Duration.default(0),
  /** The trainees are expected to answer this post. */
  expectReply: z.boolean().default(false),
});
export type BranchInject = z.infer<typeof BranchInject>;

/** What makes a branch fire. Times count from the exercise start unless they say otherwise. */
export const BranchCondition = z.discriminatedUnion("kind", [
  z.strictObject({
    /** Nobody answered the post of inject `to` within `within` of it being posted. */
    kind: z.literal("no_reply"),
    /** Inject id. */
    to: Slug,
    /** Time allowed after the inject. */
    within: Duration,
  }),
  z.strictObject({
    /** A reply to the post of inject `to` went out with this tone, as the tone check judges it. */
    kind: z.literal("reply_tone"),
    /** Inject id. */
    to: Slug,
    /** `defensive` (justifies, blames, denies), `hostile` (insulting or threatening), `empathetic`. */
    tone: z.enum(["defensive", "hostile", "empathetic"]),
  }),
  z.strictObject({
    /** No incident was opened within `within` of the exercise start. */
    kind: z.literal("no_incident"),
    /** Time allowed after the start. */
    within: Duration,
  }),
  z.strictObject({
    /** An incident was opened (whenever it happens). */
    kind: z.literal("incident_opened"),
  }),
  z.strictObject({
    /** The post of inject `of` was not captured as evidence within `within` of it being posted. */
    kind: z.literal("no_evidence"),
    /** Inject id. */
    of: Slug,
    /** Time allowed after the inject. */
    within: Duration,
  }),
]);
export type BranchCondition = z.infer<typeof BranchCondition>;

/** A turn the story takes when the trainees do (or fail to do) something. Each branch fires at most once. */
export const Branch = z.strictObject({
  /** Id, unique among branches. */
  id: Slug,
  /** What makes it fire. */
  when: BranchCondition,
  /** Posts that follow. */
  injects: z.array(BranchInject).default([]),
  /** Injects whose posts their authors delete when the branch fires (evidence not captured is lost). */
  deletes: z.array(Slug).default([]),
  /** What happened, for the trainer's console and the debrief. */
  note: TrainingText,
});
export type Branch = z.infer<typeof Branch>;

/** What the debrief scores; each part left out is not scored. Weights are relative. */
export const Rubric = z.strictObject({
  /** First reply to each post that expects one within this many minutes (full marks), 0 at three times it. */
  responseMinutes: z
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /** Replies judged by the risk engine and the tone check: no insult, no defensiveness, no leak. */
  tone: z.boolean().default(true),
  /** Whether an incident should be opened, and by when (minutes after the start). */
  incident: z
    .strictObject({
      /** `true`: the situation needs an incident; `false`: opening one over-escalates. */
      required: z.boolean(),
      /** Full marks when opened within this many minutes of the start. */
      withinMinutes: z
        .number()
        .positive()
        .max(24 * 60)
        .default(20),
    })
    .optional(),
  /** Key of the playbook that should be run, and the share of its tasks done for full marks. */
  playbook: z
    .strictObject({
      /** Playbook key, e.g. `shitstorm`. */
      key: TrainingRisk.exclude(["press_inquiry", "recruiting_backfire"]),
      /** Share of its tasks that should be done (0–1). */
      doneShare: z.number().min(0).max(1).default(0.5),
    })
    .optional(),
  /** Injects whose posts must be captured as evidence before they are deleted. */
  evidence: z.array(Slug).default([]),
  /** Replies go out through the four-eyes approval, so the team speaks with one voice. */
  oneVoice: z.boolean().default(true),
  /** Relative weights of the parts. */
  weights: z
    .strictObject({
      response: z.number().nonnegative().default(1),
      tone: z.number().nonnegative().default(1),
      incident: z.number().nonnegative().default(1),
      playbook: z.number().nonnegative().default(1),
      evidence: z.number().nonnegative().default(1),
      oneVoice: z.number().nonnegative().default(1),
    })
    .default({ response: 1, tone: 1, incident: 1, playbook: 1, evidence: 1, oneVoice: 1 }),
  /** Score (0–100) from which the certificate says "passed". */
  passScore: z.number().min(0).max(100).default(60),
});
export type Rubric = z.infer<typeof Rubric>;

/** A training scenario file (`scenarios/training/*.yaml`). */
export const TrainingScenario = z.strictObject({
  /** Editors read the published JSON Schema from here; ignored by the loader. */
  $schema: z.string().optional(),
  /** Id, part of every external id. */
  id: Slug,
  /** Version of the file; raise it when the content changes. */
  version: z.union([z.string().min(1), z.number()]).transform(String),
  /** Title in German and English. */
  title: TrainingText,
  /** What happens, in German and English: the briefing the trainees read before the start. */
  summary: TrainingText,
  /** The risks of the course it trains. */
  risks: z.array(TrainingRisk).min(1),
  /** How hard it is. */
  level: TrainingLevel.default("basic"),
  /** What the trainees should learn, one line each, in both languages. */
  objectives: z.array(TrainingText).min(1),
  /** Incident roles a team should fill; trainees pick one when they join. */
  roles: z.array(TrainingRole).min(1).default(["lead", "communications"]),
  /** The company the scenario is about (fictional; links use the reserved `.example` domain). */
  organisation: z.strictObject({
    name: z.string().min(1),
    handles: z.array(z.string().min(1)).min(1),
    domains: z.array(z.string().min(1)).default([]),
    hashtags: z.array(z.string().regex(/^#\S+$/, "a hashtag starts with # and has no spaces")).default([]),
    /** Its executives, for impersonation checks. */
    executives: z.array(z.string().min(1)).default([]),
    /** Internal code names and hosts, for leak checks. */
    watchlist: z.array(z.string().min(1)).default([]),
  }),
  /** Seed of the random generator: same seed, same posts. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  /** Length of the exercise in scenario minutes (speed it up in the console). */
  durationMinutes: z
    .number()
    .positive()
    .max(8 * 60),
  /** Values for `{placeholders}` shared by all streams and crowds. */
  variables: z.record(z.string(), z.array(z.string()).min(1)).default({}),
  /** Named voices; their `lang` is replaced by the exercise's language. */
  personas: z.array(Persona).min(1),
  /** Generated voices; they write in the exercise's language. */
  crowds: z.array(Crowd).default([]),
  /** Scripted posts. */
  injects: z.array(TrainingInject).min(1),
  /** Generated posts (templates per language). */
  streams: z.array(Stream).default([]),
  /** Turns the story takes depending on what the trainees do. */
  branches: z.array(Branch).default([]),
  /** What is scored in the debrief. */
  rubric: Rubric.default({
    responseMinutes: 15,
    tone: true,
    evidence: [],
    oneVoice: true,
    weights: { response: 1, tone: 1, incident: 1, playbook: 1, evidence: 1, oneVoice: 1 },
    passScore: 60,
  }),
  /** Points for the debrief, in both languages: what a good team does here. */
  debrief: z.array(TrainingText).default([]),
});
export type TrainingScenario = z.infer<typeof TrainingScenario>;
