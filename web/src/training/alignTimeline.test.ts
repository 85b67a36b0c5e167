import { describe, expect, it } from "vitest";
import type { FeedItem } from "../../../src/training/training.schema.ts";
import { alignTimeline } from "./alignTimeline.ts";

function item(id: string, scenarioMs: number, kind: FeedItem["kind"] = "inject"): FeedItem {
  return {
    id,
    at: new Date(Date.UTC(2026, 11, 2, 10, 0, 0) + scenarioMs).toISOString(),
    scenarioMs,
    teamId: "team-1",
    kind,
    actor: kind === "action" ? { userId: "u1", name: "Jana Berger" } : null,
    title: { de: "Beitrag von @kunde_kiel", en: "Post by @kunde_kiel" },
    action: kind === "action" ? "draft.send" : "inject",
    text: "Seit drei Tagen kein Netz in Kiel. Was ist da los, @nordwind?",
  };
}

describe("alignTimeline", () => {
  it("puts an inject and the team's answer in the same minute into one row", () => {
    const rows = alignTimeline([item("i1", 30_000)], [item("a1", 50_000, "action")]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.minuteMs).toBe(0);
    expect(rows[0]?.injects.map((i) => i.id)).toEqual(["i1"]);
    expect(rows[0]?.actions.map((i) => i.id)).toEqual(["a1"]);
  });

  it("orders rows by scenario minute and leaves out empty minutes", () => {
    const rows = alignTimeline(
      [item("i3", 10 * 60_000), item("i1", 0)],
      [item("a1", 4 * 60_000 + 5000, "action")],
    );
    expect(rows.map((r) => r.minuteMs)).toEqual([0, 4 * 60_000, 10 * 60_000]);
    expect(rows[1]?.injects).toEqual([]);
    expect(rows[1]?.actions.map((i) => i.id)).toEqual(["a1"]);
  });

  it("keeps scenario order within a row, whatever order the input had", () => {
    const rows = alignTimeline([], [item("a2", 59_000, "action"), item("a1", 1000, "action")]);
    expect(rows[0]?.actions.map((i) => i.id)).toEqual(["a1", "a2"]);
  });

  it("puts items with a negative scenario time (before the start) into the first minute", () => {
    expect(alignTimeline([item("i0", -2000)], [])[0]?.minuteMs).toBe(0);
  });

  it("returns no rows when nothing happened", () => {
    expect(alignTimeline([], [])).toEqual([]);
  });

  it("does not change the arrays it was given", () => {
    const injects = [item("i2", 2000), item("i1", 1000)];
    alignTimeline(injects, []);
    expect(injects.map((i) => i.id)).toEqual(["i2", "i1"]);
  });
});
