import type { FeedItem } from "../../../src/training/training.schema.ts";

/** One row of the debrief timeline: what came in and what the team did within the same scenario minute. */
export interface TimelineRow {
  /** Start of the row's scenario minute, in scenario milliseconds. */
  minuteMs: number;
  injects: FeedItem[];
  actions: FeedItem[];
}

/**
 * Lines up injects and actions side by side by scenario minute, earliest first; within a row each side keeps
 * scenario order. Minutes in which nothing happened get no row.
 */
export function alignTimeline(injects: FeedItem[], actions: FeedItem[]): TimelineRow[] {
  const rows = new Map<number, TimelineRow>();
  const rowOf = (item: FeedItem): TimelineRow => {
    const minuteMs = Math.floor(Math.max(0, item.scenarioMs) / 60_000) * 60_000;
    let row = rows.get(minuteMs);
    if (!row) {
      row = { minuteMs, injects: [], actions: [] };
      rows.set(minuteMs, row);
    }
    return row;
  };
  for (const item of [...injects].sort(earliestFirst)) rowOf(item).injects.push(item);
  for (const item of [...actions].sort(earliestFirst)) rowOf(item).actions.push(item);
  return [...rows.values()].sort((a, b) => a.minuteMs - b.minuteMs);
}

function earliestFirst(a: FeedItem, b: FeedItem): number {
  if (a.scenarioMs !== b.scenarioMs) return a.scenarioMs - b.scenarioMs;
  return a.at.localeCompare(b.at);
}
