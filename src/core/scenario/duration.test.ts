import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./duration.ts";

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["2m", 120_000],
    ["1h30m", 5_400_000],
    ["1h", 3_600_000],
    ["0s", 0],
    ["1h0m5s", 3_605_000],
    ["4m30s", 270_000],
  ])("reads %s as %i ms", (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each(["", "90", "1.5m", "2 m", " 2m", "m", "30s2m", "-1s", "1H", "2min", "1d", "h"])(
    'rejects "%s" with a message that shows the expected form',
    (text) => {
      const result = parseDuration(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('"1h30m"');
    },
  );

  it("adds hours, minutes and seconds in any combination", () => {
    fc.assert(
      fc.property(
        fc.option(fc.nat(9999)),
        fc.option(fc.nat(99_999)),
        fc.option(fc.nat(999_999)),
        (h, m, s) => {
          fc.pre(h !== null || m !== null || s !== null);
          const text = `${h === null ? "" : `${h}h`}${m === null ? "" : `${m}m`}${s === null ? "" : `${s}s`}`;
          const ms = ((h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000;
          expect(parseDuration(text)).toEqual({ ok: true, ms });
        },
      ),
    );
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [90_000, "1m30s"],
    [5_400_000, "1h30m"],
    [3_600_000, "1h"],
  ])("writes %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("round-trips every whole number of seconds through parseDuration", () => {
    fc.assert(
      fc.property(fc.nat(9999 * 3600), (seconds) => {
        expect(parseDuration(formatDuration(seconds * 1000))).toEqual({ ok: true, ms: seconds * 1000 });
      }),
    );
  });

  it("refuses fractions of a second", () => {
    expect(() => formatDuration(1500)).toThrow(RangeError);
  });
});
