import type { StakeholderAccountRead } from "../../../src/stakeholders/stakeholders.schema.ts";

/** The figures above the stakeholder map. */
export interface StakeholderSummary {
  accounts: number;
  friends: number;
  foes: number;
  /** Accounts with at least one post in the last 7 days. */
  active7d: number;
  /** Critical posts (negative, toxic, complaint, hate, threat) by accounts on the map in the last 7 days. */
  critical7d: number;
}

/** Counts accounts, friends and foes, active accounts and critical posts of the last 7 days. */
export function summarizeStakeholders(items: readonly StakeholderAccountRead[]): StakeholderSummary {
  const summary: StakeholderSummary = {
    accounts: items.length,
    friends: 0,
    foes: 0,
    active7d: 0,
    critical7d: 0,
  };
  for (const item of items) {
    if (item.stance === "friend") summary.friends += 1;
    if (item.stance === "foe") summary.foes += 1;
    if (item.posts7d > 0) summary.active7d += 1;
    summary.critical7d += item.critical7d;
  }
  return summary;
}
