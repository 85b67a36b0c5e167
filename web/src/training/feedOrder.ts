import type { FeedItem } from "../../../src/training/training.schema.ts";

/** The most feed lines the console keeps in memory; older ones drop off the end. */
export const feedLimit = 500;

/**
 * Merges a freshly polled page into the live feed: newest first (by scenario time, then real time), each id
 * once (a repeated poll answer replaces the older copy), at most `limit` lines.
 */
export function mergeFeed(current: FeedItem[], incoming: FeedItem[], limit = feedLimit): FeedItem[] {
  const byId = new Map<string, FeedItem>();
  for (const item of current) byId.set(item.id, item);
  for (const item of incoming) byId.set(item.id, item);
  return [...byId.values()].sort(newestFirst).slice(0, limit);
}

function newestFirst(a: FeedItem, b: FeedItem): number {
  if (a.scenarioMs !== b.scenarioMs) return b.scenarioMs - a.scenarioMs;
  return b.at.localeCompare(a.at);
}
