import type { ExerciseStatus } from "../../../src/training/training.schema.ts";

/** Scenario time as "mm:ss" ("07:05", "125:00"); minutes are not folded into hours, as scenarios count in minutes. */
export function formatScenarioTime(scenarioMs: number): string {
  const totalSeconds = Number.isFinite(scenarioMs) ? Math.max(0, Math.floor(scenarioMs / 1000)) : 0;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
}

/** The exercise clock as the server last reported it. */
export interface ClockFigures {
  /** Scenario milliseconds at the moment of the report. */
  scenarioMs: number;
  /** Scenario minutes per real minute. */
  speed: number;
}

/**
 * The scenario time now, ticking locally between polls: while the exercise runs, each real millisecond since
 * the report (`receivedAt`, the browser's own clock, so a skewed server clock does not matter) adds `speed`
 * scenario milliseconds; in the lobby, paused or ended it stands still.
 */
export function tickScenarioMs(
  clock: ClockFigures,
  status: ExerciseStatus,
  receivedAt: number,
  now: number,
): number {
  if (status !== "running") return clock.scenarioMs;
  return clock.scenarioMs + Math.max(0, now - receivedAt) * clock.speed;
}
