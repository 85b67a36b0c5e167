import { describe, expect, it } from "vitest";
import { rankTopics } from "./rankTopics.ts";

describe("rankTopics", () => {
  it("puts the highest level first, then the most unusual volume, then orders by id", () => {
    const items = [
      { topicId: "c", level: 2, anomalyScore: 0.1 },
      { topicId: "b", level: 4, anomalyScore: 0.2 },
      { topicId: "a", level: 2, anomalyScore: 0.1 },
      { topicId: "d", level: 2, anomalyScore: 0.9 },
    ];
    expect(rankTopics(items).map((i) => i.topicId)).toEqual(["b", "d", "a", "c"]);
    expect(items[0]?.topicId).toBe("c");
  });
});
