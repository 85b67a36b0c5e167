import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addPost,
  buildSeries,
  createSeries,
  groupsBetween,
  isCriticalPost,
  mediaAccountsBetween,
  restoreSeries,
  type SeriesEvent,
  type SeriesJson,
  serializeSeries,
  windowTotals,
} from "./series.ts";

const start = Date.UTC(2026, 10, 25, 9, 0, 0);
const minute = 60_000;
const hour = 3_600_000;

function event(overrides: Partial<SeriesEvent> = {}): SeriesEvent {
  return {
    tMs: start,
    authorKey: "mastodon:anna",
    isFirstTimeAuthor: false,
    followers: 100,
    platform: "mastodon",
    negative: false,
    ...overrides,
  };
}

const everything = (resolution: "minute" | "quarter" | "hour") =>
  [resolution, 0, Number.MAX_SAFE_INTEGER] as const;

describe("series", () => {
  it("counts volume, critical posts, first-time authors, reach, stakeholders and platforms", () => {
    const series = buildSeries([
      event({ authorKey: "a", negative: true, followers: 10 }),
      event({ authorKey: "b", isFirstTimeAuthor: true, followers: 20, platform: "x" }),
      event({
        authorKey: "c",
        negative: true,
        followers: 5000,
        stakeholderGroup: "press",
        platform: "bluesky",
      }),
      event({ authorKey: "a", followers: 10, stakeholderGroup: "customer" }),
    ]);
    const totals = windowTotals(series, ...everything("minute"));
    expect(totals).toMatchObject({
      volume: 4,
      negative: 2,
      firstTime: 1,
      reach: 5040,
      negativeReach: 5010,
      stakeholderPosts: 2,
      mediaPosts: 1,
      uniqueAuthors: 3,
      criticalAuthors: 2,
      platforms: 3,
      negativePlatforms: 2,
    });
    expect(mediaAccountsBetween(series, start, start)).toEqual(["c"]);
    expect(groupsBetween(series, start, start).sort()).toEqual(["customer", "press"]);
  });

  it.each([
    { name: "in the same minute", offsets: [0, 10_000, 59_999], minuteBuckets: 1, hourBuckets: 1 },
    { name: "a minute apart", offsets: [0, minute, 2 * minute], minuteBuckets: 3, hourBuckets: 1 },
    { name: "an hour apart", offsets: [0, hour, 2 * hour], minuteBuckets: 3, hourBuckets: 3 },
  ])("puts posts $name into the right buckets", ({ offsets, minuteBuckets, hourBuckets }) => {
    const series = buildSeries(offsets.map((offset) => event({ tMs: start + offset })));
    const saved = serializeSeries(series);
    expect(saved.rings.minute.buckets).toHaveLength(minuteBuckets);
    expect(saved.rings.hour.buckets).toHaveLength(hourBuckets);
  });

  it("rotates the minute ring after 24 hours but keeps the hours", () => {
    const series = createSeries();
    addPost(series, event({ tMs: start }));
    addPost(series, event({ tMs: start + 25 * hour }));
    expect(windowTotals(series, ...everything("minute")).volume).toBe(1);
    expect(windowTotals(series, ...everything("hour")).volume).toBe(2);
    // A slot reused after a full turn of the ring holds only the new minute.
    addPost(series, event({ tMs: start + 24 * hour }));
    expect(windowTotals(series, "minute", start + 24 * hour, start + 24 * hour + minute).volume).toBe(1);
  });

  it("counts a late post within the retained window in its own bucket", () => {
    const series = createSeries();
    addPost(series, event({ tMs: start + 2 * hour }));
    addPost(series, event({ tMs: start + 5 * minute }));
    expect(windowTotals(series, "minute", start + 5 * minute, start + 6 * minute).volume).toBe(1);
    expect(series.dropped).toBe(0);
  });

  it("drops a post older than every ring and says so", () => {
    const series = createSeries();
    addPost(series, event({ tMs: start + 40 * 24 * hour }));
    addPost(series, event({ tMs: start }));
    expect(series.dropped).toBe(1);
    expect(windowTotals(series, ...everything("hour")).volume).toBe(1);
  });

  it("late posts older than a day still count at 15-minute and hourly resolution", () => {
    const series = createSeries();
    addPost(series, event({ tMs: start + 3 * 24 * hour }));
    addPost(series, event({ tMs: start }));
    expect(windowTotals(series, ...everything("minute")).volume).toBe(1);
    expect(windowTotals(series, ...everything("quarter")).volume).toBe(2);
    expect(windowTotals(series, ...everything("hour")).volume).toBe(2);
  });

  it("estimates distinct authors within a few percent for thousands", () => {
    const series = buildSeries(
      Array.from({ length: 4000 }, (_, i) => event({ authorKey: `x:user${i % 2000}`, tMs: start + i * 100 })),
    );
    const unique = windowTotals(series, ...everything("hour")).uniqueAuthors;
    expect(Math.abs(unique - 2000) / 2000).toBeLessThan(0.3);
  });

  it("treats negative, toxic and complaint flags as critical, opportunities not", () => {
    expect(isCriticalPost(["complaint"])).toBe(true);
    expect(isCriticalPost(["toxic", "leak_pii"])).toBe(true);
    expect(isCriticalPost(["opportunity_praise"])).toBe(false);
  });
});

const arbitraryEvent = fc.record({
  tMs: fc.integer({ min: start, max: start + 10 * 24 * hour }),
  authorKey: fc.constantFrom("a", "b", "c", "d", "e"),
  isFirstTimeAuthor: fc.boolean(),
  followers: fc.integer({ min: 0, max: 100_000 }),
  platform: fc.constantFrom("mastodon", "x", "bluesky"),
  negative: fc.boolean(),
  stakeholderGroup: fc.constantFrom(undefined, "press" as const, "customer" as const),
});

describe("series properties", () => {
  it("hourly totals equal the number of posts added within 30 days", () => {
    fc.assert(
      fc.property(fc.array(arbitraryEvent, { maxLength: 300 }), (events) => {
        const series = buildSeries(events);
        const totals = windowTotals(series, ...everything("hour"));
        expect(totals.volume).toBe(events.length);
        expect(totals.negative).toBe(events.filter((e) => e.negative).length);
        expect(totals.reach).toBe(events.reduce((sum, e) => sum + e.followers, 0));
        expect(series.posts).toBe(events.length);
      }),
    );
  });

  it("gives the same totals in any order of arrival", () => {
    fc.assert(
      fc.property(
        fc
          .array(arbitraryEvent, { maxLength: 100 })
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
          ),
        ([events, shuffled]) => {
          const a = windowTotals(buildSeries(events), ...everything("quarter"));
          const b = windowTotals(buildSeries(shuffled), ...everything("quarter"));
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it("restores from JSON to a series that answers and serialises the same", () => {
    fc.assert(
      fc.property(fc.array(arbitraryEvent, { maxLength: 200 }), (events) => {
        const series = buildSeries(events);
        const json = JSON.parse(JSON.stringify(serializeSeries(series))) as SeriesJson;
        const restored = restoreSeries(json);
        expect(serializeSeries(restored)).toEqual(serializeSeries(series));
        for (const resolution of ["minute", "quarter", "hour"] as const) {
          expect(windowTotals(restored, ...everything(resolution))).toEqual(
            windowTotals(series, ...everything(resolution)),
          );
        }
        // Restored state keeps counting like the original.
        const next = event({ tMs: series.lastMs > 0 ? series.lastMs : start });
        expect(serializeSeries(addPost(restored, next))).toEqual(serializeSeries(addPost(series, next)));
      }),
    );
  });
});
