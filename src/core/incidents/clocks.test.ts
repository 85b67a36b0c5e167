import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, clockDueAt, dueReminder, reminderTimes } from "./clocks.ts";

const at = (iso: string) => new Date(iso);

describe("clockDueAt", () => {
  it.each([
    ["stgb_77b", "2026-01-15T10:00:00.000Z", "2026-04-15T10:00:00.000Z"],
    ["gdpr_33", "2026-03-01T08:30:00.000Z", "2026-03-04T08:30:00.000Z"],
    ["nis2_early_warning", "2026-03-01T08:30:00.000Z", "2026-03-02T08:30:00.000Z"],
    ["nis2_notification", "2026-03-01T08:30:00.000Z", "2026-03-04T08:30:00.000Z"],
    ["nis2_final_report", "2026-03-01T08:30:00.000Z", "2026-04-04T08:30:00.000Z"],
  ] as const)("%s started %s runs out %s", (kind, start, due) => {
    expect(clockDueAt(kind, at(start)).toISOString()).toBe(due);
  });

  it("ends § 77b on the last day of a shorter month", () => {
    expect(clockDueAt("stgb_77b", at("2025-11-30T12:00:00.000Z")).toISOString()).toBe(
      "2026-02-28T12:00:00.000Z",
    );
  });
});

describe("addMonths", () => {
  it("never moves into the month after the target", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 24 }),
        (d, n) => {
          const r = addMonths(d, n);
          const months = (r.getUTCFullYear() - d.getUTCFullYear()) * 12 + r.getUTCMonth() - d.getUTCMonth();
          expect(months).toBe(n);
          expect(r.getUTCHours()).toBe(d.getUTCHours());
        },
      ),
    );
  });
});

describe("reminders", () => {
  it("leaves out the 24-hour reminder of a 24-hour clock", () => {
    const start = at("2026-03-01T00:00:00.000Z");
    const times = reminderTimes(start, clockDueAt("nis2_early_warning", start));
    expect(times.map((t) => t.threshold)).toEqual(["quarter_left", "1h_left", "expired"]);
    expect(times[0]?.at.toISOString()).toBe("2026-03-01T18:00:00.000Z");
  });

  it("sends each reminder once, the most urgent when several came due together", () => {
    const startedAt = at("2026-03-01T00:00:00.000Z");
    const dueAt = clockDueAt("gdpr_33", startedAt);
    expect(dueReminder({ startedAt, dueAt, sent: [] }, at("2026-03-02T00:00:00.000Z"))).toBeNull();
    expect(dueReminder({ startedAt, dueAt, sent: [] }, at("2026-03-03T00:00:00.000Z"))).toEqual({
      send: "24h_left",
      markSent: ["24h_left"],
    });
    expect(dueReminder({ startedAt, dueAt, sent: ["24h_left"] }, at("2026-03-03T01:00:00.000Z"))).toBeNull();
    expect(dueReminder({ startedAt, dueAt, sent: ["24h_left"] }, at("2026-03-05T00:00:00.000Z"))).toEqual({
      send: "expired",
      markSent: ["quarter_left", "1h_left", "expired"],
    });
    expect(
      dueReminder(
        { startedAt, dueAt, sent: ["24h_left", "quarter_left", "1h_left", "expired"] },
        at("2026-04-01"),
      ),
    ).toBeNull();
  });

  it("sends at most four reminders however the checks fall", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 * 3_600_000 }), { maxLength: 40 }), (offsets) => {
        const startedAt = at("2026-03-01T00:00:00.000Z");
        const dueAt = clockDueAt("gdpr_33", startedAt);
        const sent: string[] = [];
        let sends = 0;
        for (const offset of [...offsets].sort((a, b) => a - b)) {
          const r = dueReminder({ startedAt, dueAt, sent }, new Date(startedAt.getTime() + offset));
          if (r) {
            sends++;
            expect(sent).not.toContain(r.send);
            sent.push(...r.markSent);
          }
        }
        expect(sends).toBeLessThanOrEqual(4);
      }),
    );
  });
});
