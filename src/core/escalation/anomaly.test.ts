import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAnomalyDetector, restoreAnomalyDetector } from "./anomaly.ts";

const fiveMinutes = 300_000;

function scoreAll(values: readonly number[], detector = createAnomalyDetector()): number[] {
  return values.map((value, i) => detector.update(i * fiveMinutes, value));
}

/** Posts per 5 minutes of a quiet topic with a daily rhythm: mostly 0 to 3, deterministic. */
function quietTopic(steps: number): number[] {
  return Array.from({ length: steps }, (_, i) => {
    const hour = ((i * 5) / 60) % 24;
    const base = hour > 8 && hour < 22 ? 1.5 : 0.2;
    return Math.floor(base + base * Math.sin(i * 12.9898) ** 2 * 2);
  });
}

const anyValue = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(0, 0, 0, 1, 1e300, -1e300, Number.POSITIVE_INFINITY, Number.NaN),
  fc.integer({ min: 0, max: 50 }),
);

describe("createAnomalyDetector", () => {
  it("keeps every score within [0, 1], whatever the values", () => {
    fc.assert(
      fc.property(fc.array(anyValue, { maxLength: 400 }), (values) => {
        for (const score of scoreAll(values)) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("is causal: scores up to a step do not change when later values change", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 50, maxLength: 400 }),
        fc.array(anyValue, { minLength: 1, maxLength: 100 }),
        fc.nat(),
        (past, future, cut) => {
          const at = cut % past.length;
          const original = scoreAll(past);
          const changed = scoreAll([...past.slice(0, at + 1), ...future]);
          expect(changed.slice(0, at + 1)).toEqual(original.slice(0, at + 1));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("continues from JSON state exactly as if it had never stopped", () => {
    const values = quietTopic(3000);
    const straight = scoreAll(values);
    const first = createAnomalyDetector();
    const head = values.slice(0, 1700).map((v, i) => first.update(i * fiveMinutes, v));
    const restored = restoreAnomalyDetector(JSON.parse(JSON.stringify(first.toJSON())));
    const tail = values.slice(1700).map((v, i) => restored.update((1700 + i) * fiveMinutes, v));
    expect([...head, ...tail]).toEqual(straight);
  });

  it("scores a constant series as 0", () => {
    expect(Math.max(...scoreAll(Array.from({ length: 2000 }, () => 42)))).toBe(0);
    expect(Math.max(...scoreAll(Array.from({ length: 2000 }, () => 0)))).toBe(0);
  });

  it("scores a missing value 0 and does not let it disturb later scores", () => {
    const values = quietTopic(1200);
    const withGap = values.map((v, i) => (i === 700 ? Number.NaN : v));
    const scores = scoreAll(withGap);
    expect(scores[700]).toBe(0);
    expect(scores.every(Number.isFinite)).toBe(true);
  });

  it("raises a high score when a quiet topic suddenly gets many posts", () => {
    const values = quietTopic(2000);
    values[1900] = 60;
    const scores = scoreAll(values);
    const before = Math.max(...scores.slice(1000, 1900));
    expect(scores[1900]).toBeGreaterThan(0.5);
    expect(scores[1900]).toBeGreaterThan(before);
  });

  it("survives huge values without throwing", () => {
    const values = [...quietTopic(500), 1e308, -1e308, Number.MAX_VALUE, 5, Number.NEGATIVE_INFINITY, 3];
    const scores = scoreAll(values);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it("alarms within a few steps when a quiet count series shifts to a higher level", () => {
    const values = quietTopic(2000);
    for (let i = 1900; i < 2000; i++) values[i] = (values[i] as number) + 8;
    const scores = scoreAll(values);
    expect(Math.max(...scores.slice(1000, 1900))).toBeLessThan(0.5);
    const first = scores.findIndex((s, i) => i >= 1900 && s >= 0.5);
    expect(first).toBeGreaterThanOrEqual(1900);
    expect(first).toBeLessThanOrEqual(1905);
  });

  it("does not alarm on one post after hours of silence, nor on the zeros after it", () => {
    const values = Array.from({ length: 1500 }, (_, i) => (i % 97 === 0 ? 1 : 0));
    for (let i = 1200; i < 1440; i++) values[i] = 0;
    values[1440] = 1;
    const scores = scoreAll(values);
    expect(Math.max(...scores.slice(1200))).toBeLessThan(0.5);
  });

  it("raises one alarm, not a stream of them, for a lasting level shift", () => {
    const values = quietTopic(3000);
    for (let i = 2000; i < 3000; i++) values[i] = (values[i] as number) + 8;
    const alarms = scoreAll(values)
      .slice(2000)
      .filter((s) => s >= 0.5).length;
    expect(alarms).toBeGreaterThanOrEqual(1);
    expect(alarms).toBeLessThanOrEqual(3);
  });

  it("alarms again within the refractory period only for a second wave far larger than the first", () => {
    const alarmsAfter = (second: number, gap: number) => {
      const values = quietTopic(2200);
      values[1900] = 20;
      values[1900 + gap] = second;
      const scores = scoreAll(values);
      expect(scores[1900]).toBeGreaterThanOrEqual(0.5);
      return scores.slice(1901, 2000).filter((s) => s >= 0.5).length;
    };
    // The same size again is the first event going on; far larger is news once 30 steps have passed.
    expect(alarmsAfter(20, 40)).toBe(0);
    expect(alarmsAfter(2000, 40)).toBe(1);
    expect(alarmsAfter(2000, 10)).toBe(0);
  });

  it("lengthens the quiet period while alarm follows alarm, and shortens it again after a calm", () => {
    const alarmsAt = (options = {}, restartAt = 0) => {
      const values = quietTopic(4200);
      // Each spike a little higher than the last (none a new extreme): alarm-worthy on its own.
      const spikes = { 1900: 20, 2010: 22, 2130: 24.9, 3900: 24.9, 4010: 27 };
      for (const [at, value] of Object.entries(spikes)) values[Number(at)] = value;
      let detector = createAnomalyDetector(options);
      const scores = values.map((v, i) => {
        if (i === restartAt) detector = restoreAnomalyDetector(JSON.parse(JSON.stringify(detector.toJSON())));
        return detector.update(i * fiveMinutes, v);
      });
      return Object.keys(spikes).filter((at) => (scores[Number(at)] as number) >= 0.5);
    };
    // 2010 comes 110 steps after 1900 (refractory 100): an alarm that chains, so the next period is 150
    // steps and holds 2130 back. 3900 follows a calm of 1,770 steps (> 1,500): the period is 100 again.
    expect(alarmsAt()).toEqual(["1900", "2010", "3900", "4010"]);
    expect(alarmsAt({}, 2050)).toEqual(["1900", "2010", "3900", "4010"]);
    expect(alarmsAt({ chainFactor: 1 })).toEqual(["1900", "2010", "2130", "3900", "4010"]);
    expect(alarmsAt({ chainWindow: 0 })).toEqual(["1900", "2010", "2130", "3900", "4010"]);
  });

  it("treats a value clearly beyond everything seen as news, a small new high not", () => {
    const secondScore = (second: number, options = {}) => {
      const values = quietTopic(2200);
      values[1900] = 20;
      values[1950] = second;
      const detector = createAnomalyDetector(options);
      return values.map((v, i) => detector.update(i * fiveMinutes, v))[1950] as number;
    };
    // 25 posts after a record of 20: beyond the range by more than 3 posts (the floor) and 4 % of it.
    expect(secondScore(25)).toBeGreaterThanOrEqual(0.5);
    expect(secondScore(23)).toBeLessThan(0.5);
    // Without the new-extreme rule the refractory period of the first alarm holds it back.
    expect(secondScore(25, { rangeMinRatio: Number.POSITIVE_INFINITY })).toBeLessThan(0.5);
  });

  it("restores the range seen from the long baseline for a state written before it was kept", () => {
    const values = quietTopic(2500);
    const detector = createAnomalyDetector();
    scoreAll(values, detector);
    const { seenMin, seenMax, ...older } = detector.toJSON();
    expect(seenMin).toBe(0);
    expect(seenMax).toBe(Math.max(...values.slice(50)));
    const restored = restoreAnomalyDetector(older).toJSON();
    expect(restored.seenMin).toBe(Math.min(...older.longValues));
    expect(restored.seenMax).toBe(Math.max(...older.longValues));
  });

  it("alarms on a pattern never seen before through the pattern memory alone", () => {
    // Every other component switched off: a clean 64-step wave, then 40 steps lifted by 8.
    const off = 1e12;
    const detector = createAnomalyDetector({
      shortScale: off,
      longScale: off,
      levelScale: off,
      diffScale: off,
      spreadScale: off,
      seasonScale: off,
    });
    const values = Array.from(
      { length: 3000 },
      (_, i) => 10 + 5 * Math.sin((2 * Math.PI * i) / 64) + (i >= 2500 && i < 2540 ? 8 : 0),
    );
    const scores = scoreAll(values, detector);
    expect(Math.max(...scores.slice(1000, 2500))).toBeLessThan(0.1);
    const first = scores.findIndex((s, i) => i >= 2500 && s >= 0.5);
    expect(first).toBeGreaterThanOrEqual(2500);
    expect(first).toBeLessThan(2540);
  });

  it("continues identically when stopped at any step, mid coarse point included", () => {
    const values = quietTopic(1400).map((v, i) => (i > 1200 ? v + 6 : v));
    const straight = scoreAll(values);
    for (const cut of [151, 700, 1203]) {
      const first = createAnomalyDetector();
      const head = values.slice(0, cut).map((v, i) => first.update(i * fiveMinutes, v));
      const restored = restoreAnomalyDetector(JSON.parse(JSON.stringify(first.toJSON())));
      const tail = values.slice(cut).map((v, i) => restored.update((cut + i) * fiveMinutes, v));
      expect([...head, ...tail]).toEqual(straight);
    }
  });

  it("accepts a version-1 state (no pattern memory) and keeps scoring within [0, 1]", () => {
    const detector = createAnomalyDetector();
    scoreAll(quietTopic(800), detector);
    const {
      patternPoints: _points,
      patternSum: _sum,
      patternCount: _count,
      patternNovelties: _novelties,
      ...rest
    } = detector.toJSON();
    const restored = restoreAnomalyDetector({ ...rest, version: 1 });
    const scores = quietTopic(400).map((v, i) => restored.update((800 + i) * fiveMinutes, v));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it("keeps its state small: a few hundred KB of JSON at most", () => {
    const detector = createAnomalyDetector();
    scoreAll(
      quietTopic(20_000).map((v) => v * 1.2345678),
      detector,
    );
    expect(JSON.stringify(detector.toJSON()).length).toBeLessThan(300_000);
  });
});
