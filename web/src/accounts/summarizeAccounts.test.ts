import { describe, expect, it } from "vitest";
import { buildOfficialAccount } from "./accountFixtures.ts";
import { summarizeAccounts } from "./summarizeAccounts.ts";

describe("summarizeAccounts", () => {
  it("counts accounts at risk (with those with nothing recorded), needing attention and suspected takeovers", () => {
    const summary = summarizeAccounts([
      buildOfficialAccount({ handle: "a", grade: "good" }),
      buildOfficialAccount({ handle: "b", grade: "attention" }),
      buildOfficialAccount({ handle: "c", grade: "attention" }),
      buildOfficialAccount({ handle: "d", grade: "at_risk" }),
      buildOfficialAccount({ handle: "e", grade: "unknown", security: null }),
      buildOfficialAccount({
        handle: "f",
        grade: "good",
        takeover: { suspected: true, signals: [], burst: { lastHour: 9, usualMaxHour: 1 } },
      }),
    ]);
    expect(summary).toEqual({ accounts: 6, atRisk: 2, unrecorded: 1, attention: 2, takeover: 1 });
  });

  it("gives zeros for an empty registry", () => {
    expect(summarizeAccounts([])).toEqual({
      accounts: 0,
      atRisk: 0,
      unrecorded: 0,
      attention: 0,
      takeover: 0,
    });
  });
});
