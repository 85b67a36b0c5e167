import { describe, expect, it } from "vitest";
import { RiskCategory } from "../../../src/posts/posts.schema.ts";
import { chanceCategories, isChance, priorityLevel, riskOnlyCategories } from "./riskDisplay.ts";

describe("priorityLevel", () => {
  it.each([
    [1, "high"],
    [0.7, "high"],
    [0.69, "medium"],
    [0.4, "medium"],
    [0.39, "low"],
    [0, "low"],
  ] as const)("calls %d %s", (priority, level) => {
    expect(priorityLevel(priority)).toBe(level);
  });
});

describe("risks and chances", () => {
  it("tells chances (opportunity_*) from risks", () => {
    expect(isChance("opportunity_lead")).toBe(true);
    expect(isChance("complaint")).toBe(false);
  });

  it("splits every category into exactly one group", () => {
    expect([...riskOnlyCategories, ...chanceCategories].sort()).toEqual([...RiskCategory.options].sort());
    expect(chanceCategories).toEqual([
      "opportunity_question",
      "opportunity_praise",
      "opportunity_lead",
      "opportunity_recruiting",
    ]);
  });
});
