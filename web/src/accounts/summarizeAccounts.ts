import type { OfficialAccountRead } from "../../../src/accounts/accounts.schema.ts";

/** The figures above the official accounts. */
export interface AccountsSummary {
  accounts: number;
  /** Accounts at risk, counting those with nothing recorded. */
  atRisk: number;
  /** Of `atRisk`, the accounts with nothing recorded. */
  unrecorded: number;
  /** Accounts with medium findings only. */
  attention: number;
  /** Accounts that look as if someone else is posting from them. */
  takeover: number;
}

/** Counts the accounts, those at risk or with nothing recorded, those needing attention and suspected takeovers. */
export function summarizeAccounts(items: readonly OfficialAccountRead[]): AccountsSummary {
  const summary: AccountsSummary = {
    accounts: items.length,
    atRisk: 0,
    unrecorded: 0,
    attention: 0,
    takeover: 0,
  };
  for (const item of items) {
    if (item.posture.grade === "at_risk" || item.posture.grade === "unknown") summary.atRisk += 1;
    if (item.posture.grade === "unknown") summary.unrecorded += 1;
    if (item.posture.grade === "attention") summary.attention += 1;
    if (item.takeover.suspected) summary.takeover += 1;
  }
  return summary;
}
