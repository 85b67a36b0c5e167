import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { TrainingScenario } from "../core/training/training.schema.ts";
import { organisations, users } from "../orgs/orgs.table.ts";

/**
 * A training exercise of a (live) organisation: the scenario as it was when the exercise was created, its
 * language and the exercise clock. Scenario time at wall time t is `anchorMs + (t - anchorAt) * speed` while
 * running, `anchorMs` otherwise; every start, pause, resume and speed change moves the anchor.
 */
export const trainingExercises = pgTable(
  "training_exercises",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    scenarioId: text("scenario_id").notNull(),
    scenarioVersion: text("scenario_version").notNull(),
    /** The parsed scenario file, so a later change to the library does not change a past exercise. */
    scenario: jsonb("scenario").$type<TrainingScenario>().notNull(),
    lang: text("lang").notNull(),
    mode: text("mode").notNull(),
    /** `lobby`, `running`, `paused`, `ended`. */
    status: text("status").notNull(),
    speed: real("speed").notNull(),
    anchorAt: timestamp("anchor_at", { withTimezone: true }),
    anchorMs: bigint("anchor_ms", { mode: "number" }).notNull().default(0),
    /** Raised with every change the players must follow (clock, added injects); they restart on a new one. */
    generation: integer("generation").notNull().default(0),
    joinCode: text("join_code").notNull(),
    /** The runner process that plays the exercise now, and until when its lease holds (it renews it each pass). */
    runnerId: text("runner_id"),
    runnerUntil: timestamp("runner_until", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("training_exercises_org_idx").on(t.orgId, t.createdAt),
    uniqueIndex("training_exercises_join_code_idx").on(t.joinCode),
  ],
);

/** A team of an exercise and its sandbox workspace (an organisation of kind `exercise`). */
export const trainingTeams = pgTable(
  "training_teams",
  {
    id: text("id").primaryKey(),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => trainingExercises.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** Scenario time (ms) up to which the team's workspace has every post; the player resumes here. */
    deliveredMs: bigint("delivered_ms", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("training_teams_exercise_idx").on(t.exerciseId),
    uniqueIndex("training_teams_workspace_idx").on(t.workspaceId),
  ],
);

/** Who takes part, in which team and incident role. */
export const trainingParticipants = pgTable(
  "training_participants",
  {
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => trainingExercises.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    teamId: text("team_id")
      .notNull()
      .references(() => trainingTeams.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.exerciseId, t.userId] }),
    index("training_participants_user_idx").on(t.userId),
  ],
);

/**
 * What happened to the exercise itself: the trainer's controls, branches that fired and injects sent by hand.
 * Fired branches and hand-sent injects are part of the team's play: the players add their posts.
 */
export const trainingEvents = pgTable(
  "training_events",
  {
    id: text("id").primaryKey(),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => trainingExercises.id, { onDelete: "cascade" }),
    /** null: every team. */
    teamId: text("team_id").references(() => trainingTeams.id, { onDelete: "cascade" }),
    /** `start`, `pause`, `resume`, `speed`, `end`, `branch`, `inject`. */
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    scenarioMs: bigint("scenario_ms", { mode: "number" }).notNull(),
    /** The branch that fired (kind `branch`); a branch fires at most once per team. */
    branchId: text("branch_id"),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Branch id, note, added injects, deleted inject ids, new speed. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("training_events_exercise_idx").on(t.exerciseId, t.at),
    // A branch fires once per team: the unique key makes two runners racing on it harmless.
    uniqueIndex("training_events_branch_idx").on(t.exerciseId, t.teamId, t.branchId),
  ],
);

/** A team's result, kept when the exercise ends: the debrief's score and each person's progress. */
export const trainingResults = pgTable(
  "training_results",
  {
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => trainingExercises.id, { onDelete: "cascade" }),
    teamId: text("team_id")
      .notNull()
      .references(() => trainingTeams.id, { onDelete: "cascade" }),
    score: real("score").notNull(),
    passed: boolean("passed").notNull(),
    /** The ScoreRead of the team. */
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.exerciseId, t.teamId] })],
);
