import { describe, expect, it } from "vitest";
import { formatDuration, slaState } from "./slaState.ts";

const now = Date.parse("2026-12-01T10:00:00Z");
const sla = {
  firstResponseDueAt: "2026-12-01T10:23:00Z",
  resolutionDueAt: "2026-12-01T14:00:00Z",
  firstRespondedAt: null,
  resolvedAt: null,
  firstResponseBreached: false,
  resolutionBreached: false,
};

describe("slaState", () => {
  it("counts down to the first response, then to the resolution", () => {
    expect(slaState({ status: "new", sla }, now)).toEqual({
      kind: "due",
      minutes: 23,
      target: "first_response",
    });
    const answered = { ...sla, firstRespondedAt: "2026-12-01T10:05:00Z" };
    expect(slaState({ status: "waiting", sla: answered }, now)).toEqual({
      kind: "due",
      minutes: 240,
      target: "resolution",
    });
  });

  it("shows a missed target as breached, also before the server marked it", () => {
    expect(slaState({ status: "open", sla }, Date.parse("2026-12-01T10:24:00Z"))).toEqual({
      kind: "breached",
    });
    expect(slaState({ status: "open", sla: { ...sla, firstResponseBreached: true } }, now)).toEqual({
      kind: "breached",
    });
  });

  it("calls a done conversation met unless its resolution was missed", () => {
    expect(slaState({ status: "done", sla }, now)).toEqual({ kind: "met" });
    expect(slaState({ status: "done", sla: { ...sla, resolutionBreached: true } }, now)).toEqual({
      kind: "breached",
    });
  });

  it("splits minutes into days, hours and minutes", () => {
    expect(formatDuration(23)).toEqual({ days: 0, hours: 0, minutes: 23 });
    expect(formatDuration(60 * 27 + 5)).toEqual({ days: 1, hours: 3, minutes: 5 });
  });
});
