// Which posts need an answer from the team: complaints, questions, mentions of the official accounts,
// replies to the organisation's own posts, and anything at or above the organisation's priority threshold.

import { coversPlatform, isOfficialHandle, normalHandle, type OfficialAccount } from "../risk/risk.types.ts";

/** What attention is decided on. */
export interface AttentionFacts {
  platform: string;
  text: string;
  authorHandle: string;
  priority: number;
  flags: readonly string[];
  /** The handle of the post this one replies to, when that post is stored. */
  parentAuthorHandle: string | null;
}

/** Why a post needs attention. */
export type AttentionReason = "complaint" | "question" | "mention" | "reply_to_us" | "priority";

/** Whether the text mentions an official account as `@handle` (the handle whole, any case). */
export function mentionsOfficial(
  accounts: readonly OfficialAccount[],
  platform: string,
  text: string,
): boolean {
  const lower = text.toLowerCase();
  return accounts.some((a) => {
    if (!coversPlatform(a, platform)) return false;
    const handle = `@${normalHandle(a.handle)}`;
    let from = lower.indexOf(handle);
    while (from >= 0) {
      const next = lower[from + handle.length];
      // "@nordwind" must not match "@nordwindfan"; a following "@host" or punctuation ends it.
      if (next === undefined || !/[\p{L}\p{N}_]/u.test(next)) return true;
      from = lower.indexOf(handle, from + 1);
    }
    return false;
  });
}

/** The reasons a post needs attention (none: it only joins a conversation its thread already has). */
export function attentionReasons(
  facts: AttentionFacts,
  accounts: readonly OfficialAccount[],
  threshold: number,
): AttentionReason[] {
  // The organisation's own posts never open a conversation.
  if (isOfficialHandle(accounts, facts.platform, facts.authorHandle)) return [];
  const reasons: AttentionReason[] = [];
  if (facts.flags.includes("complaint")) reasons.push("complaint");
  if (facts.flags.includes("opportunity_question")) reasons.push("question");
  if (mentionsOfficial(accounts, facts.platform, facts.text)) reasons.push("mention");
  if (
    facts.parentAuthorHandle !== null &&
    isOfficialHandle(accounts, facts.platform, facts.parentAuthorHandle)
  ) {
    reasons.push("reply_to_us");
  }
  if (facts.priority >= threshold) reasons.push("priority");
  return reasons;
}
