import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ClockMark,
  type ExerciseClock,
  moveClock,
  playerStartedAt,
  scenarioMsAt,
  scenarioMsAtWall,
} from "./training.clock.ts";

const t0 = new Date("2026-12-02T10:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const min = 60_000;

/** A clock waiting in the lobby: not running, not anchored. */
const lobby = (speed = 1): ExerciseClock => ({ running: false, speed, anchorAt: null, anchorMs: 0 });

describe("scenarioMsAt", () => {
  it("runs `speed` times as fast as the wall clock from the anchor", () => {
    const clock: ExerciseClock = { running: true, speed: 1, anchorAt: t0, anchorMs: 0 };
    expect(scenarioMsAt(clock, t0)).toBe(0);
    expect(scenarioMsAt(clock, at(90_000))).toBe(90_000);
    const fast: ExerciseClock = { running: true, speed: 4, anchorAt: t0, anchorMs: 5 * min };
    expect(scenarioMsAt(fast, at(min))).toBe(9 * min);
    const slow: ExerciseClock = { running: true, speed: 0.25, anchorAt: t0, anchorMs: 0 };
    expect(scenarioMsAt(slow, at(4 * min))).toBe(min);
  });

  it("rounds down to whole milliseconds", () => {
    const clock: ExerciseClock = { running: true, speed: 1.5, anchorAt: t0, anchorMs: 0 };
    expect(scenarioMsAt(clock, at(3))).toBe(4);
    expect(Number.isInteger(scenarioMsAt({ ...clock, speed: 1 / 3 }, at(1000)))).toBe(true);
  });

  it("stands still while paused or in the lobby, whatever the wall time", () => {
    const paused: ExerciseClock = { running: false, speed: 10, anchorAt: t0, anchorMs: 7 * min };
    expect(scenarioMsAt(paused, t0)).toBe(7 * min);
    expect(scenarioMsAt(paused, at(60 * min))).toBe(7 * min);
    expect(scenarioMsAt(paused, at(-60 * min))).toBe(7 * min);
    expect(scenarioMsAt(lobby(), at(60 * min))).toBe(0);
  });

  it("does not run without an anchor even when marked running", () => {
    const clock: ExerciseClock = { running: true, speed: 2, anchorAt: null, anchorMs: 3 };
    expect(scenarioMsAt(clock, at(min))).toBe(3);
  });

  it("never goes back before the anchor for a wall time earlier than it", () => {
    const clock: ExerciseClock = { running: true, speed: 2, anchorAt: t0, anchorMs: 5 * min };
    expect(scenarioMsAt(clock, at(-min))).toBe(5 * min);
    expect(scenarioMsAt(clock, new Date(0))).toBe(5 * min);
  });

  it("caps at endMs, running or not", () => {
    const running: ExerciseClock = { running: true, speed: 60, anchorAt: t0, anchorMs: 0 };
    expect(scenarioMsAt(running, at(min), 20 * min)).toBe(20 * min);
    expect(scenarioMsAt(running, at(10_000), 20 * min)).toBe(10 * min);
    const pausedPastEnd: ExerciseClock = { running: false, speed: 1, anchorAt: t0, anchorMs: 30 * min };
    expect(scenarioMsAt(pausedPastEnd, at(min), 20 * min)).toBe(20 * min);
    expect(scenarioMsAt(running, at(24 * 60 * min))).toBe(24 * 60 * 60 * min);
  });
});

describe("moveClock", () => {
  it("starts the clock at scenario 0 from the lobby", () => {
    const started = moveClock(lobby(2), t0, { running: true });
    expect(started).toEqual({ running: true, speed: 2, anchorAt: t0, anchorMs: 0 });
    expect(scenarioMsAt(started, at(min))).toBe(2 * min);
  });

  it("pauses where the clock stood and resumes from there", () => {
    const started = moveClock(lobby(), t0, { running: true });
    const paused = moveClock(started, at(3 * min), { running: false });
    expect(paused).toEqual({ running: false, speed: 1, anchorAt: at(3 * min), anchorMs: 3 * min });
    expect(scenarioMsAt(paused, at(10 * min))).toBe(3 * min);
    const resumed = moveClock(paused, at(10 * min), { running: true });
    expect(resumed.anchorMs).toBe(3 * min);
    expect(scenarioMsAt(resumed, at(11 * min))).toBe(4 * min);
  });

  it("keeps scenario time continuous across a speed change", () => {
    const started = moveClock(lobby(), t0, { running: true });
    const faster = moveClock(started, at(2 * min), { speed: 10 });
    expect(faster.running).toBe(true);
    expect(faster.speed).toBe(10);
    expect(scenarioMsAt(started, at(2 * min))).toBe(scenarioMsAt(faster, at(2 * min)));
    expect(scenarioMsAt(faster, at(3 * min))).toBe(12 * min);
    // Changing the speed while paused does not move scenario time.
    const paused = moveClock(faster, at(3 * min), { running: false });
    const slower = moveClock(paused, at(5 * min), { speed: 0.5 });
    expect(slower).toMatchObject({ running: false, speed: 0.5, anchorMs: 12 * min });
    expect(scenarioMsAt(moveClock(slower, at(6 * min), { running: true }), at(8 * min))).toBe(13 * min);
  });

  it("keeps running and speed when the change names neither (a plain re-anchor)", () => {
    const clock: ExerciseClock = { running: true, speed: 3, anchorAt: t0, anchorMs: 0 };
    const moved = moveClock(clock, at(min), {});
    expect(moved).toEqual({ running: true, speed: 3, anchorAt: at(min), anchorMs: 3 * min });
  });

  it("caps the new anchor at endMs (ending the exercise after its script)", () => {
    const clock: ExerciseClock = { running: true, speed: 1, anchorAt: t0, anchorMs: 0 };
    const ended = moveClock(clock, at(30 * min), { running: false }, 20 * min);
    expect(ended.anchorMs).toBe(20 * min);
    expect(scenarioMsAt(ended, at(40 * min))).toBe(20 * min);
  });

  it("does not change the clock it is given", () => {
    const clock: ExerciseClock = { running: true, speed: 1, anchorAt: t0, anchorMs: 0 };
    const copy = structuredClone(clock);
    moveClock(clock, at(min), { running: false, speed: 5 });
    expect(clock).toEqual(copy);
  });
});

describe("playerStartedAt", () => {
  it("is the anchor itself for a clock started at scenario 0", () => {
    expect(playerStartedAt(moveClock(lobby(), t0, { running: true }))).toEqual(t0);
  });

  it("puts a player at anchorMs at anchorAt, whatever the speed", () => {
    for (const speed of [0.25, 1, 2, 7, 60]) {
      const clock: ExerciseClock = { running: true, speed, anchorAt: t0, anchorMs: 12 * min };
      const startedAt = playerStartedAt(clock);
      // The player's scenario time at wall time t is (t - startedAt) * speed; a Date holds whole ms, so the
      // start may be up to one wall ms early: at most `speed` scenario ms.
      const playerMsAt = (wall: Date) => (wall.getTime() - startedAt.getTime()) * speed;
      expect(playerMsAt(t0)).toBeGreaterThanOrEqual(12 * min);
      expect(playerMsAt(t0) - 12 * min).toBeLessThanOrEqual(speed);
      const later = at(5 * min);
      expect(Math.abs(playerMsAt(later) - scenarioMsAt(clock, later))).toBeLessThanOrEqual(speed);
    }
  });

  it("takes the wall epoch as anchor for a clock that never started", () => {
    expect(playerStartedAt(lobby()).getTime()).toBe(0);
  });
});

describe("scenarioMsAtWall", () => {
  const speed = 2;
  // Start at 10:00, speed 5 at 10:02, pause at 10:03, resume at 10:10, end at 10:12 (scenario cap 40 min).
  const marks: ClockMark[] = [
    { at: at(0), scenarioMs: 0, running: true, speed },
    { at: at(2 * min), scenarioMs: 4 * min, running: true, speed: 5 },
    { at: at(3 * min), scenarioMs: 9 * min, running: false, speed: 5 },
    { at: at(10 * min), scenarioMs: 9 * min, running: true, speed: 5 },
    { at: at(12 * min), scenarioMs: 19 * min, running: false, speed: 5 },
  ];

  it("is 0 before the first mark and without marks", () => {
    expect(scenarioMsAtWall(marks, at(-1))).toBe(0);
    expect(scenarioMsAtWall(marks, at(-60 * min))).toBe(0);
    expect(scenarioMsAtWall([], at(60 * min))).toBe(0);
  });

  it.each([
    ["at the start", 0, 0],
    ["running at speed 2", min, 2 * min],
    ["at the speed change", 2 * min, 4 * min],
    ["running at speed 5", 2.5 * min, 6.5 * min],
    ["at the pause", 3 * min, 9 * min],
    ["while paused", 7 * min, 9 * min],
    ["at the resume", 10 * min, 9 * min],
    ["after the resume", 11 * min, 14 * min],
    ["at the end", 12 * min, 19 * min],
    ["long after the end", 120 * min, 19 * min],
  ])("reads the clock %s", (_label, wallMs, expected) => {
    expect(scenarioMsAtWall(marks, at(wallMs))).toBe(expected);
  });

  it("caps at endMs", () => {
    expect(scenarioMsAtWall(marks, at(11 * min), 12 * min)).toBe(12 * min);
    expect(scenarioMsAtWall(marks, at(min), 12 * min)).toBe(2 * min);
  });

  it("takes the last of several marks at the same wall time", () => {
    const same: ClockMark[] = [
      { at: t0, scenarioMs: 0, running: true, speed: 1 },
      { at: t0, scenarioMs: 0, running: false, speed: 1 },
    ];
    expect(scenarioMsAtWall(same, at(min))).toBe(0);
  });
});

/** One control of the trainer's console, `gapMs` after the one before. */
type Control = { gapMs: number; change: { running?: boolean; speed?: number } };

const controlArb: fc.Arbitrary<Control> = fc.record({
  gapMs: fc.integer({ min: 0, max: 30 * min }),
  change: fc.record(
    {
      running: fc.boolean(),
      speed: fc.oneof(
        fc.constantFrom(0.25, 0.5, 1, 2, 10, 60),
        fc.double({ min: 0.25, max: 60, noNaN: true }),
      ),
    },
    { requiredKeys: [] },
  ),
});

describe("scenarioMsAtWall over recorded marks (property)", () => {
  it("equals the live clock at every time, and scenario time never goes backwards", () => {
    fc.assert(
      fc.property(
        fc.array(controlArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: -10 * min, max: 400 * min }), { minLength: 1, maxLength: 20 }),
        fc.option(fc.integer({ min: 1, max: 480 * min }), { nil: undefined }),
        (controls, queries, endMs) => {
          // The first control starts the exercise, as the console does.
          const first = controls[0] as Control;
          const steps: Control[] = [
            { ...first, change: { ...first.change, running: true } },
            ...controls.slice(1),
          ];
          const history: { at: Date; clock: ExerciseClock }[] = [];
          const marks: ClockMark[] = [];
          let clock = lobby();
          let wall = t0.getTime();
          for (const step of steps) {
            wall += step.gapMs;
            const now = new Date(wall);
            const before = scenarioMsAt(clock, now, endMs);
            clock = moveClock(clock, now, step.change, endMs);
            // Continuity: a control never jumps scenario time.
            expect(clock.anchorMs).toBe(before);
            history.push({ at: now, clock });
            marks.push({ at: now, scenarioMs: clock.anchorMs, running: clock.running, speed: clock.speed });
          }
          const live = (wallMs: number) => {
            let current: ExerciseClock | undefined;
            for (const h of history) if (h.at.getTime() <= wallMs) current = h.clock;
            return current ? scenarioMsAt(current, new Date(wallMs), endMs) : 0;
          };
          const times = [...queries.map((q) => t0.getTime() + q), ...marks.map((m) => m.at.getTime())].sort(
            (a, b) => a - b,
          );
          let previous = Number.NEGATIVE_INFINITY;
          for (const wallMs of times) {
            const read = scenarioMsAtWall(marks, new Date(wallMs), endMs);
            expect(read).toBe(live(wallMs));
            expect(read).toBeGreaterThanOrEqual(previous);
            expect(read).toBeGreaterThanOrEqual(0);
            if (endMs !== undefined) expect(read).toBeLessThanOrEqual(endMs);
            previous = read;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
