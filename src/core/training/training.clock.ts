// The exercise clock: scenario time runs `speed` times as fast as the wall clock while the exercise runs and
// stands still while it waits in the lobby, is paused or has ended. Every control moves the anchor.

/** The clock as stored with the exercise. */
export interface ExerciseClock {
  /** Whether scenario time is running. */
  running: boolean;
  /** Scenario ms per wall-clock ms. */
  speed: number;
  /** Wall time of the last control (start, pause, resume, speed change); null before the start. */
  anchorAt: Date | null;
  /** Scenario ms at `anchorAt`. */
  anchorMs: number;
}

/** Scenario milliseconds at wall time `now`, never past `endMs`. */
export function scenarioMsAt(clock: ExerciseClock, now: Date, endMs = Number.POSITIVE_INFINITY): number {
  if (!clock.running || !clock.anchorAt) return Math.min(clock.anchorMs, endMs);
  const elapsed = Math.max(0, now.getTime() - clock.anchorAt.getTime());
  return Math.min(endMs, Math.floor(clock.anchorMs + elapsed * clock.speed));
}

/** The clock after a control at `now`: the anchor moves to now, then running and speed change. */
export function moveClock(
  clock: ExerciseClock,
  now: Date,
  change: { running?: boolean; speed?: number },
  endMs = Number.POSITIVE_INFINITY,
): ExerciseClock {
  return {
    running: change.running ?? clock.running,
    speed: change.speed ?? clock.speed,
    anchorAt: now,
    anchorMs: scenarioMsAt(clock, now, endMs),
  };
}

/** The wall time the player must take as scenario time 0 so that it plays along the clock. */
export function playerStartedAt(clock: ExerciseClock): Date {
  const anchor = clock.anchorAt?.getTime() ?? 0;
  return new Date(anchor - clock.anchorMs / clock.speed);
}

/** One control of the exercise as it happened: wall time, scenario time then, and the clock after it. */
export interface ClockMark {
  at: Date;
  scenarioMs: number;
  running: boolean;
  speed: number;
}

/**
 * Scenario ms at a past wall time, from the exercise's controls in order: what the trainees did at 10:42
 * happened at scenario minute 12 if the clock said so then. Before the first control: 0.
 */
export function scenarioMsAtWall(marks: readonly ClockMark[], at: Date, endMs = Number.POSITIVE_INFINITY) {
  let last: ClockMark | undefined;
  for (const mark of marks) {
    if (mark.at.getTime() > at.getTime()) break;
    last = mark;
  }
  if (!last) return 0;
  return scenarioMsAt(
    { running: last.running, speed: last.speed, anchorAt: last.at, anchorMs: last.scenarioMs },
    at,
    endMs,
  );
}
