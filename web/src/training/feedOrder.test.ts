import { describe, expect, it } from "vitest";
import type { FeedItem } from "../../../src/training/training.schema.ts";
import { mergeFeed } from "./feedOrder.ts";

function item(id: string, scenarioMs: number, text: string | null = null): FeedItem {
  return {
    id,
    at: new Date(Date.UTC(2026, 11, 2, 10, 0, 0) + scenarioMs).toISOString(),
    scenarioMs,
    teamId: null,
    kind: "control",
    actor: { userId: "t1", name: "Trainerin Petra Lange" },
    title: { de: "Übung gestartet", en: "Exercise started" },
    action: "exercise.start",
    text,
  };
}

describe("mergeFeed", () => {
  it("lists the newest first", () => {
    const merged = mergeFeed([item("a", 1000)], [item("c", 3000), item("b", 2000)]);
    expect(merged.map((i) => i.id)).toEqual(["c", "b", "a"]);
  });

  it("keeps each id once, the newer copy winning", () => {
    const merged = mergeFeed([item("a", 1000, "old")], [item("a", 1000, "new")]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.text).toBe("new");
  });

  it("orders lines of the same scenario time by real time", () => {
    const early = { ...item("early", 0), at: "2026-12-02T10:00:00.000Z" };
    const late = { ...item("late", 0), at: "2026-12-02T10:00:05.000Z" };
    expect(mergeFeed([early], [late]).map((i) => i.id)).toEqual(["late", "early"]);
  });

  it("drops the oldest lines beyond the limit", () => {
    const merged = mergeFeed([item("a", 1), item("b", 2)], [item("c", 3)], 2);
    expect(merged.map((i) => i.id)).toEqual(["c", "b"]);
  });

  it("returns an empty feed for two empty lists", () => {
    expect(mergeFeed([], [])).toEqual([]);
  });
});
