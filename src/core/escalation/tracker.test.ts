import { describe, expect, it } from "vitest";
import type { SeriesEvent } from "./series.ts";
import {
  type AnomalyScorer,
  assessTopic,
  createTopicTracker,
  restoreTopicTracker,
  serializeTopicTracker,
  type TopicTrackerJson,
  trackPost,
} from "./tracker.ts";

const minute = 60_000;
const start = Date.UTC(2026, 10, 25, 8, 0, 0);

// Stand-in for the anomaly detector: robust z-score of the value against the median and MAD of the last
// 60 values, squashed to [0, 1) so that z = 6 scores 0.5.
function robustZScorer(): AnomalyScorer & { steps: number[] } {
  const history: number[] = [];
  const steps: number[] = [];
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  return {
    steps,
    update(tMs, value) {
      steps.push(tMs);
      const center = median(history);
      const mad = Math.max(median(history.map((v) => Math.abs(v - center))) * 1.4826, 1);
      const z = history.length < 10 ? 0 : Math.abs(value - center) / mad;
      history.push(value);
      if (history.length > 60) history.shift();
      return z / (z + 6);
    },
  };
}

function post(tMs: number, i: number, overrides: Partial<SeriesEvent> = {}): SeriesEvent {
  return {
    tMs,
    authorKey: `x:u${i}`,
    isFirstTimeAuthor: false,
    followers: 100,
    platform: "x",
    negative: false,
    ...overrides,
  };
}

describe("topic tracker", () => {
  it("feeds each closed minute to the scorer once and reports the spike", () => {
    const scorer = robustZScorer();
    const tracker = createTopicTracker(scorer);
    let calm = 0;
    for (let m = 0; m < 120; m++) {
      trackPost(tracker, post(start + m * minute, m % 5));
      const { anomalyScore } = assessTopic(tracker, start + (m + 1) * minute);
      calm = Math.max(calm, anomalyScore);
    }
    for (let i = 0; i < 40; i++)
      trackPost(tracker, post(start + 120 * minute + i * 1000, 100 + i, { negative: true }));
    const spike = assessTopic(tracker, start + 121 * minute);
    expect(calm).toBeLessThan(0.5);
    expect(spike.anomalyScore).toBeGreaterThan(0.5);
    expect(new Set(scorer.steps).size).toBe(scorer.steps.length);
    expect(scorer.steps).toHaveLength(121);
  });

  it("survives a restart through JSON with the same level and hysteresis", () => {
    const tracker = createTopicTracker();
    for (let i = 0; i < 80; i++) {
      trackPost(
        tracker,
        post(start + i * 20_000, i, {
          negative: true,
          platform: i % 2 === 0 ? "x" : "mastodon",
          isFirstTimeAuthor: true,
        }),
      );
    }
    const before = assessTopic(tracker, start + 30 * minute);
    const json = JSON.parse(JSON.stringify(serializeTopicTracker(tracker))) as TopicTrackerJson;
    const restored = restoreTopicTracker(json);
    expect(restored.voices.entries).toHaveLength(80);
    expect(assessTopic(restored, start + 30 * minute).level).toBe(before.level);
    expect(assessTopic(restored, start + 120 * minute).level).toBe(
      assessTopic(tracker, start + 120 * minute).level,
    );
  });
});
