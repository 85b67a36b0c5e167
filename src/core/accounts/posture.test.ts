import { describe, expect, it } from "vitest";
import { type AccountSecurity, assessPosture } from "./posture.ts";

const now = new Date("2026-11-25T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const wellKept: AccountSecurity = {
  owner: "Katrin Albers",
  posters: ["Katrin Albers", "Lena Hoffmann"],
  twoFactor: "security_key",
  recoveryContact: "it-security@nordwind-mobil.de",
  recoveryVerifiedAt: daysAgo(40),
  accessReviewedAt: daysAgo(20),
  connectedApps: ["Brandwache"],
};

describe("assessPosture", () => {
  it("finds nothing wrong with a well-kept account", () => {
    expect(assessPosture(wellKept, now)).toEqual({ grade: "good", findings: [] });
    expect(assessPosture({ ...wellKept, twoFactor: "app" }, now).grade).toBe("good");
  });

  it("calls an account nobody recorded unknown, with the finding to record it", () => {
    expect(assessPosture(null, now)).toEqual({
      grade: "unknown",
      findings: [{ code: "no_record", severity: "high" }],
    });
  });

  it("puts an account without two-factor sign-in or recovery contact at risk", () => {
    expect(assessPosture({ ...wellKept, twoFactor: "none" }, now)).toEqual({
      grade: "at_risk",
      findings: [{ code: "two_factor_none", severity: "high" }],
    });
    expect(assessPosture({ ...wellKept, twoFactor: "unknown" }, now).findings[0]?.code).toBe(
      "two_factor_unknown",
    );
    expect(assessPosture({ ...wellKept, recoveryContact: null }, now)).toEqual({
      grade: "at_risk",
      findings: [{ code: "no_recovery_contact", severity: "high" }],
    });
  });

  it("asks for attention on SMS codes, a missing owner and checks that were never done", () => {
    const result = assessPosture(
      { ...wellKept, twoFactor: "sms", owner: null, recoveryVerifiedAt: null, accessReviewedAt: null },
      now,
    );
    expect(result.grade).toBe("attention");
    expect(result.findings.map((f) => f.code)).toEqual([
      "two_factor_sms",
      "no_owner",
      "recovery_unverified",
      "access_never_reviewed",
    ]);
  });

  it("counts the days since an overdue check, at the limits exactly", () => {
    expect(assessPosture({ ...wellKept, recoveryVerifiedAt: daysAgo(180) }, now).findings).toEqual([]);
    expect(assessPosture({ ...wellKept, recoveryVerifiedAt: daysAgo(181) }, now).findings).toEqual([
      { code: "recovery_stale", severity: "medium", days: 181 },
    ]);
    expect(assessPosture({ ...wellKept, accessReviewedAt: daysAgo(90) }, now).findings).toEqual([]);
    expect(assessPosture({ ...wellKept, accessReviewedAt: daysAgo(91) }, now)).toEqual({
      grade: "good",
      findings: [{ code: "access_review_due", severity: "low", days: 91 }],
    });
    // A date in the future (a typo) is not overdue.
    expect(assessPosture({ ...wellKept, accessReviewedAt: daysAgo(-30) }, now).findings).toEqual([]);
  });

  it("notes more than five people on one login, most severe findings first", () => {
    const result = assessPosture(
      { ...wellKept, posters: ["a", "b", "c", "d", "e", "f"], twoFactor: "none", owner: null },
      now,
    );
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([
      ["two_factor_none", "high"],
      ["no_owner", "medium"],
      ["many_posters", "low"],
    ]);
    expect(assessPosture({ ...wellKept, posters: ["a", "b", "c", "d", "e"] }, now).findings).toEqual([]);
  });
});
