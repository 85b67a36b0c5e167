import type { Rate } from "./scenario.schema.ts";

const MINUTE_MS = 60_000;

/**
 * When the posts of one stream run arrive: post n comes where the expected count reaches n + jitter(n),
 * a stratified Poisson-like process that follows a constant or ramped rate. Every time is a pure function
 * of n, so any window of the timeline can be computed on its own.
 */
export interface StreamTimeline {
  /** Number of posts in one run of the stream. */
  count: number;
  /** The posts whose offset (ms after the stream's start) lies in [fromMs, toMs), in order. */
  arrivalsBetween(fromMs: number, toMs: number): { n: number; offsetMs: number }[];
}

/** Builds the timeline of a stream that runs `lengthMs` at `rate` posts per minute; `jitter(n)` is in [0, 1). */
export function streamTimeline(rate: Rate, lengthMs: number, jitter: (n: number) => number): StreamTimeline {
  const startRate = typeof rate === "number" ? rate : rate.from;
  const endRate = typeof rate === "number" ? rate : rate.to;
  const lengthMinutes = lengthMs / MINUTE_MS;
  // Rate r(t) = startRate + slope·t; the expected count is its integral, a quadratic in t.
  const halfSlope = lengthMinutes > 0 ? (endRate - startRate) / (2 * lengthMinutes) : 0;
  const expectedCount = (ms: number) => {
    const minutes = Math.min(Math.max(ms, 0), lengthMs) / MINUTE_MS;
    return startRate * minutes + halfSlope * minutes * minutes;
  };
  // The root of halfSlope·t² + startRate·t − x = 0 written so it stays exact when the slope is 0.
  const offsetOfCount = (x: number) => {
    if (x <= 0) return 0;
    const root = Math.sqrt(Math.max(0, startRate * startRate + 4 * halfSlope * x));
    return ((2 * x) / (startRate + root)) * MINUTE_MS;
  };
  const count = Math.floor(expectedCount(lengthMs) + 1e-9);

  return {
    count,
    arrivalsBetween(fromMs, toMs) {
      const arrivals: { n: number; offsetMs: number }[] = [];
      // A post's expected count lies within 1 of its n; the margin of 2 absorbs rounding.
      const first = Math.max(0, Math.floor(expectedCount(fromMs)) - 2);
      const last = Math.min(count - 1, Math.ceil(expectedCount(toMs)) + 2);
      for (let n = first; n <= last; n++) {
        const offsetMs = Math.min(Math.floor(offsetOfCount(n + jitter(n))), lengthMs - 1);
        if (offsetMs >= fromMs && offsetMs < toMs) arrivals.push({ n, offsetMs });
      }
      return arrivals;
    },
  };
}
