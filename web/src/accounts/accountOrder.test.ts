import { describe, expect, it } from "vitest";
import { buildLookalike, buildOfficialAccount } from "./accountFixtures.ts";
import { sortAccounts, sortLookalikes } from "./accountOrder.ts";

describe("sortAccounts", () => {
  it("puts a suspected takeover first, then at risk, nothing recorded, needing attention and good", () => {
    const sorted = sortAccounts([
      buildOfficialAccount({ handle: "good", grade: "good" }),
      buildOfficialAccount({ handle: "attention", grade: "attention" }),
      buildOfficialAccount({ handle: "unknown", grade: "unknown", security: null }),
      buildOfficialAccount({ handle: "at_risk", grade: "at_risk" }),
      buildOfficialAccount({
        handle: "hacked",
        grade: "good",
        takeover: { suspected: true, signals: [], burst: { lastHour: 12, usualMaxHour: 2 } },
      }),
    ]);
    expect(sorted.map((a) => a.handle)).toEqual(["hacked", "at_risk", "unknown", "attention", "good"]);
  });

  it("orders accounts of one grade by their high findings, then all findings, then by handle", () => {
    const sorted = sortAccounts([
      buildOfficialAccount({
        handle: "b",
        grade: "at_risk",
        findings: [{ code: "two_factor_none", severity: "high" }],
      }),
      buildOfficialAccount({
        handle: "c",
        grade: "at_risk",
        findings: [
          { code: "two_factor_none", severity: "high" },
          { code: "no_owner", severity: "medium" },
        ],
      }),
      buildOfficialAccount({
        handle: "d",
        grade: "at_risk",
        findings: [
          { code: "two_factor_none", severity: "high" },
          { code: "no_recovery_contact", severity: "high" },
        ],
      }),
      buildOfficialAccount({
        handle: "a",
        grade: "at_risk",
        findings: [{ code: "two_factor_none", severity: "high" }],
      }),
    ]);
    expect(sorted.map((a) => a.handle)).toEqual(["d", "c", "a", "b"]);
  });

  it("puts the entry for every platform before a platform's entry of the same handle, and keeps the input", () => {
    const input = [
      buildOfficialAccount({ handle: "nordwind_hilfe", platform: "mastodon" }),
      buildOfficialAccount({ handle: "nordwind_hilfe", platform: null }),
    ];
    expect(sortAccounts(input).map((a) => a.platform)).toEqual([null, "mastodon"]);
    expect(input.map((a) => a.platform)).toEqual(["mastodon", null]);
  });
});

describe("sortLookalikes", () => {
  it("puts the most flagged posts first, then the newest post, then the handle", () => {
    const sorted = sortLookalikes([
      buildLookalike({ handle: "c", posts: 1, lastPostAt: "2026-04-15T09:00:00.000Z" }),
      buildLookalike({ handle: "b", posts: 1, lastPostAt: "2026-04-15T10:00:00.000Z" }),
      buildLookalike({ handle: "a", posts: 1, lastPostAt: "2026-04-15T10:00:00.000Z" }),
      buildLookalike({ handle: "d", posts: 5, lastPostAt: "2026-04-01T10:00:00.000Z" }),
    ]);
    expect(sorted.map((l) => l.handle)).toEqual(["d", "a", "b", "c"]);
  });
});
