// The training simulator's API shapes: the scenario library, exercises and their console, joining by link,
// the live feed, the debrief, certificates and each person's progress. docs/TRAINING.md explains them.
import { z } from "zod";
import { ScenarioPlatform, StakeholderGroup } from "../core/scenario/scenario.schema.ts";
import { TrainingRisk, TrainingRole } from "../core/training/training.schema.ts";

const id = z.string().min(1).max(100);
const Text = z.object({ de: z.string(), en: z.string() });

/** A scenario of the library, as listed (also `brandwache training list --json`). */
export const ScenarioSummary = z.object({
  id: z.string(),
  version: z.string(),
  title: Text,
  summary: Text,
  risks: z.array(TrainingRisk),
  /** Languages it can be played in (every library scenario has both). */
  languages: z.array(z.enum(["de", "en"])),
  level: z.enum(["basic", "advanced"]),
  durationMinutes: z.number(),
  roles: z.array(TrainingRole),
  objectives: z.array(Text),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;
export const ScenarioList = z.object({ items: z.array(ScenarioSummary) });

/** A scenario with what a trainer needs to run it: voices, scripted posts, branches, rubric. */
export const ScenarioDetail = ScenarioSummary.extend({
  organisation: z.object({ name: z.string(), handles: z.array(z.string()) }),
  personas: z.array(
    z.object({ id: z.string(), handle: z.string(), displayName: z.string(), group: StakeholderGroup }),
  ),
  injects: z.array(
    z.object({
      id: z.string(),
      /** Scenario minutes after the start. */
      atMinutes: z.number(),
      persona: z.string(),
      platform: ScenarioPlatform,
      text: Text,
      expectReply: z.boolean(),
    }),
  ),
  branches: z.array(z.object({ id: z.string(), when: z.record(z.string(), z.unknown()), note: Text })),
  rubric: z.record(z.string(), z.unknown()),
  debrief: z.array(Text),
});
export type ScenarioDetail = z.infer<typeof ScenarioDetail>;

/** Where an exercise stands: people join in the lobby, it runs and pauses, then it has ended. */
export const ExerciseStatus = z.enum(["lobby", "running", "paused", "ended"]);
export type ExerciseStatus = z.infer<typeof ExerciseStatus>;

/** `team`: trainees join named teams that share one workspace; `individual`: each trainee gets their own. */
export const ExerciseMode = z.enum(["team", "individual"]);

/** Body of `POST /api/training/exercises`. */
export const ExerciseCreate = z
  .object({
    scenarioId: id,
    /** The language the exercise is played in. */
    lang: z.enum(["de", "en"]),
    mode: ExerciseMode.default("team"),
    /** Team names (team mode); one team "Team 1" when left out. */
    teams: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
    /** Scenario minutes per real minute at the start (the console changes it). */
    speed: z.number().min(0.25).max(60).default(1),
  })
  .strict();
export type ExerciseCreate = z.infer<typeof ExerciseCreate>;

/** A participant of an exercise. */
export const ParticipantRead = z.object({
  userId: z.string(),
  name: z.string(),
  teamId: z.string(),
  role: TrainingRole,
  joinedAt: z.string(),
});

/** A team (in individual mode: one person) and its sandbox workspace. */
export const TeamRead = z.object({
  id: z.string(),
  name: z.string(),
  /** The exercise workspace (an organisation of kind `exercise`). */
  workspaceId: z.string(),
  members: z.array(ParticipantRead),
});

/** The exercise clock: scenario time now, and how fast it runs. */
export const ClockRead = z.object({
  /** Scenario milliseconds since the start, at `now`. */
  scenarioMs: z.number(),
  /** Scenario minutes per real minute. */
  speed: z.number(),
  /** Server time the figures are for. */
  now: z.string(),
  durationMinutes: z.number(),
});

/** An exercise as the console and the lists show it. */
export const ExerciseRead = z.object({
  id: z.string(),
  scenarioId: z.string(),
  scenarioVersion: z.string(),
  title: Text,
  summary: Text,
  lang: z.enum(["de", "en"]),
  mode: ExerciseMode,
  status: ExerciseStatus,
  clock: ClockRead,
  teams: z.array(TeamRead),
  /** Join code for the link `/training/join/<code>`; only trainers see it. */
  joinCode: z.string().nullable(),
  createdBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Whether the caller may run the console (trainer, manager or admin of the organisation). */
  canRun: z.boolean(),
});
export type ExerciseRead = z.infer<typeof ExerciseRead>;
export const ExerciseList = z.object({ items: z.array(ExerciseRead) });

/** Body of `PUT /api/training/exercises/:id/speed`. */
export const SpeedUpdate = z.object({ speed: z.number().min(0.25).max(60) }).strict();

/** Body of `POST /api/training/exercises/:id/injects`: a post the trainer sends by hand. */
export const HandInject = z
  .object({
    /** The team whose workspace gets it; null sends it to every team. */
    teamId: id.nullable(),
    /** Persona id of the scenario. */
    persona: id,
    platform: ScenarioPlatform,
    text: z.string().trim().min(1).max(5000),
    /** Id of a scripted or added inject it answers. */
    replyTo: id.optional(),
  })
  .strict();
export type HandInject = z.infer<typeof HandInject>;

/** One line of the live feed and the debrief timeline. */
export const FeedItem = z.object({
  id: z.string(),
  at: z.string(),
  /** Scenario milliseconds at the time. */
  scenarioMs: z.number(),
  /** null: the whole exercise. */
  teamId: z.string().nullable(),
  /** `inject` a scripted or added post appeared, `branch` the story turned, `control` the trainer acted, `action` a trainee did something. */
  kind: z.enum(["inject", "branch", "control", "action"]),
  actor: z.object({ userId: z.string(), name: z.string() }).nullable(),
  /** What happened, in both languages (post texts are shown as text, never as HTML). */
  title: Text,
  /** The audit action (`draft.send`, `incident.open`, …) or the event kind. */
  action: z.string(),
  /** Text of a post or reply, when there is one. */
  text: z.string().nullable(),
});
export type FeedItem = z.infer<typeof FeedItem>;
export const FeedQuery = z.object({
  /** Only items after this cursor (from the previous answer). */
  after: z.string().max(200).optional(),
});
export const FeedList = z.object({ items: z.array(FeedItem), cursor: z.string() });

/** One scored part of the rubric. */
export const CriterionRead = z.object({
  key: z.enum(["response", "tone", "incident", "playbook", "evidence", "oneVoice"]),
  weight: z.number(),
  /** 0–1. */
  score: z.number(),
  detail: Text,
});

/** A team's score: total 0–100, the parts, what went well and what to improve. */
export const ScoreRead = z.object({
  score: z.number(),
  passed: z.boolean(),
  criteria: z.array(CriterionRead),
  wentWell: z.array(Text),
  toImprove: z.array(Text),
});
export type ScoreRead = z.infer<typeof ScoreRead>;

/** The debrief of one team: timeline of injects and actions side by side, the score, each person's share. */
export const TeamDebrief = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  score: ScoreRead,
  injects: z.array(FeedItem),
  actions: z.array(FeedItem),
  participants: z.array(
    z.object({ userId: z.string(), name: z.string(), role: TrainingRole, actions: z.number().int() }),
  ),
});

/** `GET /api/training/exercises/:id/debrief`. */
export const DebriefRead = z.object({
  exercise: ExerciseRead,
  teams: z.array(TeamDebrief),
  /** The scenario's points for the debrief: what a good team does here. */
  lessons: z.array(Text),
});
export type DebriefRead = z.infer<typeof DebriefRead>;

/** `GET /api/training/join/:code`: what the join page shows before someone joins. */
export const JoinInfo = z.object({
  exerciseId: z.string(),
  title: Text,
  summary: Text,
  lang: z.enum(["de", "en"]),
  mode: ExerciseMode,
  status: ExerciseStatus,
  roles: z.array(TrainingRole),
  teams: z.array(z.object({ id: z.string(), name: z.string(), members: z.array(ParticipantRead) })),
  /** Whether the caller has joined already, and where. */
  joined: z.object({ teamId: z.string(), workspaceId: z.string() }).nullable(),
});

/** Body of `POST /api/training/join`. */
export const JoinBody = z
  .object({
    code: z.string().min(8).max(100),
    /** Team to join (team mode); individual mode makes one for the person. */
    teamId: id.optional(),
    role: TrainingRole,
  })
  .strict();

/** What joining returns; the session now works in the exercise workspace. */
export const Joined = z.object({ exerciseId: z.string(), teamId: z.string(), workspaceId: z.string() });

/** `GET /api/training/current`: the exercise of the workspace the caller is in (for the training banner). */
export const CurrentExercise = z.object({
  exerciseId: z.string(),
  title: Text,
  summary: Text,
  objectives: z.array(Text),
  status: ExerciseStatus,
  clock: ClockRead,
  team: z.object({ id: z.string(), name: z.string() }),
  /** The caller's incident role in the exercise; null for a trainer looking in. */
  role: TrainingRole.nullable(),
  /** The organisation's real workspace, to switch back to. */
  liveWorkspaceId: z.string(),
});

/** `GET /api/training/progress`: each person's results across exercises (trainers see everyone). */
export const ProgressList = z.object({
  items: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      exercises: z.array(
        z.object({
          exerciseId: z.string(),
          scenarioId: z.string(),
          title: Text,
          endedAt: z.string(),
          teamName: z.string(),
          role: TrainingRole,
          score: z.number(),
          passed: z.boolean(),
        }),
      ),
    }),
  ),
});

export const CertificateQuery = z.object({ lang: z.enum(["de", "en"]).optional() });
export type JoinInfo = z.infer<typeof JoinInfo>;
export type FeedList = z.infer<typeof FeedList>;
export type CurrentExercise = z.infer<typeof CurrentExercise>;
export type ProgressList = z.infer<typeof ProgressList>;
