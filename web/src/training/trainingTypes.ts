// Inferred types of the training API shapes the server schema does not export as types.
import type { z } from "zod";
import type {
  CurrentExercise,
  ExerciseMode,
  FeedList,
  JoinBody,
  Joined,
  JoinInfo,
  ProgressList,
  ScenarioList,
  SpeedUpdate,
  TeamDebrief,
} from "../../../src/training/training.schema.ts";

export type ScenarioListRead = z.infer<typeof ScenarioList>;
export type FeedListRead = z.infer<typeof FeedList>;
export type JoinInfoRead = z.infer<typeof JoinInfo>;
export type JoinBodyWrite = z.infer<typeof JoinBody>;
export type JoinedRead = z.infer<typeof Joined>;
export type CurrentExerciseRead = z.infer<typeof CurrentExercise>;
export type ProgressListRead = z.infer<typeof ProgressList>;
export type SpeedUpdateWrite = z.infer<typeof SpeedUpdate>;
export type TeamDebriefRead = z.infer<typeof TeamDebrief>;
export type ExerciseModeValue = z.infer<typeof ExerciseMode>;
