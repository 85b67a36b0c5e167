import { describe, expect, it } from "vitest";
import type { StakeholderAccountRead } from "../../../src/stakeholders/stakeholders.schema.ts";
import { summarizeStakeholders } from "./summarizeStakeholders.ts";

function account(
  stance: StakeholderAccountRead["stance"],
  posts7d: number,
  critical7d: number,
): StakeholderAccountRead {
  return {
    id: `${stance}-${posts7d}-${critical7d}`,
    platform: "bluesky",
    handle: "someone",
    group: "public",
    stance,
    influence: 3,
    name: null,
    note: null,
    posts7d,
    critical7d,
    followers: null,
    lastPostAt: null,
    createdAt: "2026-03-01T08:00:00.000Z",
    updatedAt: "2026-03-01T08:00:00.000Z",
  };
}

describe("summarizeStakeholders", () => {
  it("counts accounts, friends, foes, active accounts and their critical posts of the last 7 days", () => {
    const summary = summarizeStakeholders([
      account("friend", 12, 0),
      account("foe", 4, 4),
      account("foe", 0, 0),
      account("neutral", 3, 1),
      account("unknown", 0, 0),
    ]);
    expect(summary).toEqual({ accounts: 5, friends: 1, foes: 2, active7d: 3, critical7d: 5 });
  });

  it("gives zeros for an empty map", () => {
    expect(summarizeStakeholders([])).toEqual({
      accounts: 0,
      friends: 0,
      foes: 0,
      active7d: 0,
      critical7d: 0,
    });
  });
});
