import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Rate } from "./scenario.schema.ts";
import { streamTimeline } from "./scenario.timeline.ts";

const TEN_MINUTES = 600_000;
const halfJitter = () => 0.5;

describe("streamTimeline", () => {
  it.each<[string, Rate, number]>([
    ["a constant 6 a minute", 6, 60],
    ["a ramp up from 0 to 20 a minute", { from: 0, to: 20 }, 100],
    ["a ramp down from 20 to 0 a minute", { from: 20, to: 0 }, 100],
    ["a ramp from 2 to 14 a minute", { from: 2, to: 14 }, 80],
    ["a rate of 0", 0, 0],
    ["a fractional rate", 0.35, 3],
  ])("plays %s over ten minutes as %i posts", (_, rate, count) => {
    const timeline = streamTimeline(rate, TEN_MINUTES, halfJitter);
    expect(timeline.count).toBe(count);
    expect(timeline.arrivalsBetween(0, TEN_MINUTES)).toHaveLength(count);
  });

  it("puts most posts of a rising ramp into its second half", () => {
    const arrivals = streamTimeline({ from: 0, to: 20 }, TEN_MINUTES, halfJitter).arrivalsBetween(
      0,
      TEN_MINUTES,
    );
    const firstHalf = arrivals.filter((arrival) => arrival.offsetMs < TEN_MINUTES / 2).length;
    expect(firstHalf).toBe(25);
  });

  it("keeps every arrival inside the stream and in order, whatever the jitter", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.integer({ min: 1000, max: 600_000 }),
        fc.func(fc.double({ min: 0, max: 0.999_999, noNaN: true })),
        (from, to, lengthMs, jitter) => {
          const arrivals = streamTimeline({ from, to }, lengthMs, jitter).arrivalsBetween(0, lengthMs);
          for (const [i, arrival] of arrivals.entries()) {
            expect(arrival.offsetMs).toBeGreaterThanOrEqual(0);
            expect(arrival.offsetMs).toBeLessThan(lengthMs);
            expect(arrival.n).toBe(i);
            if (i > 0) expect(arrival.offsetMs).toBeGreaterThanOrEqual(arrivals[i - 1]?.offsetMs ?? 0);
          }
        },
      ),
    );
  });
});
