import type {
  LookalikeRead,
  OfficialAccountRead,
  PostureGrade,
} from "../../../src/accounts/accounts.schema.ts";

// Nothing recorded is one high finding (no_record), so it comes right after "at risk".
const gradeRank: Record<PostureGrade, number> = { at_risk: 0, unknown: 1, attention: 2, good: 3 };

type Compare<T> = (a: T, b: T) => number;

const bySuspicion: Compare<OfficialAccountRead> = (a, b) =>
  Number(b.takeover.suspected) - Number(a.takeover.suspected);
const byGrade: Compare<OfficialAccountRead> = (a, b) =>
  gradeRank[a.posture.grade] - gradeRank[b.posture.grade];
const highFindings = (account: OfficialAccountRead) =>
  account.posture.findings.filter((f) => f.severity === "high").length;
const byHighFindings: Compare<OfficialAccountRead> = (a, b) => highFindings(b) - highFindings(a);
const byFindings: Compare<OfficialAccountRead> = (a, b) =>
  b.posture.findings.length - a.posture.findings.length;
// An entry for every platform (null) before one platform's entry of the same handle.
const byHandle: Compare<OfficialAccountRead> = (a, b) =>
  a.handle.localeCompare(b.handle) || (a.platform ?? "").localeCompare(b.platform ?? "");

function sortBy<T>(items: readonly T[], compares: Compare<T>[]): T[] {
  return [...items].sort((a, b) => {
    for (const compare of compares) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  });
}

/**
 * A sorted copy, the most urgent first: a suspected takeover, then at risk, nothing recorded, needing
 * attention and good; within a grade more high findings, then more findings, then by handle.
 */
export function sortAccounts(items: readonly OfficialAccountRead[]): OfficialAccountRead[] {
  return sortBy(items, [bySuspicion, byGrade, byHighFindings, byFindings, byHandle]);
}

/** A sorted copy of the lookalikes: the most flagged posts first, then the newest post, then by handle. */
export function sortLookalikes(items: readonly LookalikeRead[]): LookalikeRead[] {
  return sortBy(items, [
    (a, b) => b.posts - a.posts,
    // ISO 8601 in UTC sorts as text.
    (a, b) => b.lastPostAt.localeCompare(a.lastPostAt),
    (a, b) => a.handle.localeCompare(b.handle) || a.platform.localeCompare(b.platform),
  ]);
}
