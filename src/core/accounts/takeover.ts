/**
 * Signs that an official account is in someone else's hands: posts the organisation would never write
 * (insults, threats, scams, bad links, leaked secrets or code names) and a burst of posts far beyond the
 * account's usual pace. Pure, no I/O; the service reads the account's recent posts.
 */
import type { RiskCategory } from "../risk/risk.types.ts";
import { excerpt } from "../text/excerpt.ts";

/**
 * Categories that an own post should never be flagged for. Left out on purpose: `negative` and
 * `fact_claim` (apologies and status updates), `leak_pii` (support replies give the hotline's number),
 * `impersonation` (an official account never is one) and the categories about other people's posts.
 */
export const takeoverCategories = [
  "toxic",
  "hate",
  "threat",
  "scam",
  "malicious_link",
  "leak_secret",
  "leak_confidential",
] as const satisfies readonly RiskCategory[];

/** The categories of `flags` that an own post should never have, in the order of `takeoverCategories`. */
export function takeoverFlags(flags: readonly string[]): RiskCategory[] {
  return takeoverCategories.filter((c) => flags.includes(c));
}

/** A burst counts when the last hour has at least this many posts … */
export const burstMinPosts = 5;
/** … and more than this many times the busiest hour of the week before. */
export const burstFactor = 3;
/** How much of a post's text a signal quotes (UTF-16 code units, on one line). */
export const excerptLength = 160;

export interface OwnPost {
  id: string;
  postedAt: Date;
  text: string;
  flags: readonly string[];
}

export interface TakeoverSignal {
  postId: string;
  postedAt: Date;
  categories: RiskCategory[];
  excerpt: string;
}

export interface TakeoverReport {
  /** Whether anything points to a takeover. */
  suspected: boolean;
  /** Own posts flagged for a category an own post should never have, newest first. */
  signals: TakeoverSignal[];
  /** Posts in the last hour against the busiest hour of the 7 days before; null when that is normal. */
  burst: { lastHour: number; usualMaxHour: number } | null;
}

/**
 * What an account's recent posts say about a takeover. `posts` are its posts of the window the caller
 * chose (any order); `lastHour` its posts in the last hour and `usualMaxHour` the most it posted in any
 * hour of the 7 days before.
 */
export function detectTakeover(
  posts: readonly OwnPost[],
  lastHour: number,
  usualMaxHour: number,
): TakeoverReport {
  const signals: TakeoverSignal[] = [];
  for (const post of posts) {
    const categories = takeoverFlags(post.flags);
    if (categories.length === 0) continue;
    signals.push({
      postId: post.id,
      postedAt: post.postedAt,
      categories,
      excerpt: excerpt(post.text, excerptLength),
    });
  }
  signals.sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime() || a.postId.localeCompare(b.postId));
  const burst =
    lastHour >= burstMinPosts && lastHour > burstFactor * Math.max(1, usualMaxHour)
      ? { lastHour, usualMaxHour }
      : null;
  return { suspected: signals.length > 0 || burst !== null, signals, burst };
}
