/**
 * The security posture of an official account: what the team recorded about who controls it and how it
 * is protected, turned into findings a reviewer can act on. Pure, no I/O.
 */

/** How sign-in is protected, strongest first. SMS codes can be taken over by a SIM swap. */
export const twoFactorMethods = ["security_key", "app", "sms", "none", "unknown"] as const;
export type TwoFactorMethod = (typeof twoFactorMethods)[number];

/** What the team recorded about an official account's security. */
export interface AccountSecurity {
  /** The person responsible for the account. */
  owner: string | null;
  /** The people who may post from it. */
  posters: string[];
  twoFactor: TwoFactorMethod;
  /** Recovery e-mail or phone, as a description ("it-security@…, team phone"). */
  recoveryContact: string | null;
  /** When someone last checked that the recovery contact still reaches the team. */
  recoveryVerifiedAt: Date | null;
  /** When sessions, connected apps and the people with access were last reviewed. */
  accessReviewedAt: Date | null;
  /** Apps and tools that may post or read on the account's behalf (scheduler, inbox tool, …). */
  connectedApps: string[];
}

export const findingSeverities = ["high", "medium", "low"] as const;
export type FindingSeverity = (typeof findingSeverities)[number];

export const postureFindingCodes = [
  "no_record",
  "two_factor_none",
  "two_factor_unknown",
  "two_factor_sms",
  "no_owner",
  "no_recovery_contact",
  "recovery_unverified",
  "recovery_stale",
  "access_never_reviewed",
  "access_review_due",
  "many_posters",
] as const;
export type PostureFindingCode = (typeof postureFindingCodes)[number];

export interface PostureFinding {
  code: PostureFindingCode;
  severity: FindingSeverity;
  /** Days since the last check, where the finding is about age. */
  days?: number;
}

/** `good`: nothing to do; `attention`: medium findings; `at_risk`: a high one; `unknown`: nothing recorded. */
export const postureGrades = ["good", "attention", "at_risk", "unknown"] as const;
export type PostureGrade = (typeof postureGrades)[number];

/** The recovery contact is checked twice a year, access quarterly (the rhythm of common access reviews). */
export const recoveryCheckDays = 180;
export const accessReviewDays = 90;
/** More people than this on one login make it hard to tell who posted, and to revoke one of them. */
export const maxPosters = 5;

const dayMs = 86_400_000;
const severityRank: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2 };

function daysSince(at: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - at.getTime()) / dayMs));
}

/** The findings on an account's recorded security, most severe first, and the grade they add up to. */
export function assessPosture(
  security: AccountSecurity | null,
  now: Date,
): { grade: PostureGrade; findings: PostureFinding[] } {
  if (!security) return { grade: "unknown", findings: [{ code: "no_record", severity: "high" }] };
  const findings: PostureFinding[] = [];
  if (security.twoFactor === "none") findings.push({ code: "two_factor_none", severity: "high" });
  if (security.twoFactor === "unknown") findings.push({ code: "two_factor_unknown", severity: "high" });
  if (security.twoFactor === "sms") findings.push({ code: "two_factor_sms", severity: "medium" });
  if (!security.owner) findings.push({ code: "no_owner", severity: "medium" });
  if (!security.recoveryContact) {
    findings.push({ code: "no_recovery_contact", severity: "high" });
  } else if (!security.recoveryVerifiedAt) {
    findings.push({ code: "recovery_unverified", severity: "medium" });
  } else {
    const days = daysSince(security.recoveryVerifiedAt, now);
    if (days > recoveryCheckDays) findings.push({ code: "recovery_stale", severity: "medium", days });
  }
  if (!security.accessReviewedAt) {
    findings.push({ code: "access_never_reviewed", severity: "medium" });
  } else {
    const days = daysSince(security.accessReviewedAt, now);
    if (days > accessReviewDays) findings.push({ code: "access_review_due", severity: "low", days });
  }
  if (security.posters.length > maxPosters) findings.push({ code: "many_posters", severity: "low" });
  findings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
  const grade: PostureGrade = findings.some((f) => f.severity === "high")
    ? "at_risk"
    : findings.some((f) => f.severity === "medium")
      ? "attention"
      : "good";
  return { grade, findings };
}
