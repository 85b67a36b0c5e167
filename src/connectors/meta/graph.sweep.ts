// What a Graph connector remembers between polls. Each poll continues a sweep: list the posts (or media) of
// the watch window, then read the comments of those that changed. Graph says cursors should not be kept
// ("your app shouldn't store cursors", Paginated Results), so the lasting state is a time watermark; an
// `after` cursor is only kept while one sweep spans several polls (`more: true`, which the runner continues
// at once).
import { z } from "zod";
import type { PostInput } from "../connector.ts";

/** Days a post or media is watched for new comments after it was published; the first poll also reaches back this far. */
export const watchDays = 7;

/**
 * Seconds the watermark stays behind the start of the sweep that set it: covers clock skew and comments that
 * Graph lists a little after their `created_time`. Items inside the overlap are recognised by their id.
 */
export const watermarkOverlapSeconds = 60;

/** A sweep older than this starts over, its cursors may have gone stale (what it delivered may come again; ingest is idempotent). */
const sweepMaxAgeSeconds = 3600;

/** An edge still to read in the current sweep. */
const EdgeJob = z.object({
  /** The post, media or comment whose edge is read. */
  id: z.string(),
  edge: z.enum(["comments", "replies"]),
  /** `after` cursor of the next page; absent before the first. */
  after: z.string().optional(),
  /** Instagram: `comments_count` when queued, remembered once the comments are read. */
  count: z.number().int().optional(),
  /** Instagram: the media's permalink, the link of its comments. */
  url: z.string().optional(),
});
export type EdgeJob = z.infer<typeof EdgeJob>;

const Sweep = z.object({
  /** Unix seconds when the sweep began; the next watermark. */
  startedAt: z.number().int(),
  /** `since` of the listing: the start of the watch window. */
  windowStart: z.number().int(),
  /** `after` cursor of the next page of the listing. */
  listAfter: z.string().optional(),
  listDone: z.boolean(),
  queue: z.array(EdgeJob),
  /** Items delivered in this sweep that lie inside the next overlap: id → created (Unix seconds). */
  delivered: z.record(z.string(), z.number().int()),
  /** Instagram: `comments_count` per media of the window whose comments are read up to it. */
  counts: z.record(z.string(), z.number().int()),
});
export type Sweep = z.infer<typeof Sweep>;

/** The cursor of the Facebook and Instagram connectors. */
export const GraphCursor = z.object({
  /** Unix seconds: items created at or before it were delivered. */
  since: z.number().int(),
  /** Items created after `since` that were already delivered: id → created (Unix seconds). */
  seen: z.record(z.string(), z.number().int()),
  /** Instagram: `comments_count` per media when its comments were last read. */
  counts: z.record(z.string(), z.number().int()),
  /** A sweep that the last poll could not finish. */
  sweep: Sweep.optional(),
});
export type GraphCursor = z.infer<typeof GraphCursor>;

/** A cursor with the sweep this poll works on. */
export type SweepState = GraphCursor & { sweep: Sweep };

const unix = (date: Date) => Math.floor(date.getTime() / 1000);

/** Reads the stored cursor (none or unreadable: start `watchDays` back) and continues its sweep or starts one. */
export function openSweep(cursor: unknown, now: Date): SweepState {
  const at = unix(now);
  const windowStart = at - watchDays * 86_400;
  const parsed = GraphCursor.safeParse(cursor);
  const state: GraphCursor = parsed.success ? parsed.data : { since: windowStart, seen: {}, counts: {} };
  const current = state.sweep;
  if (current && at - current.startedAt <= sweepMaxAgeSeconds) return { ...state, sweep: current };
  const sweep: Sweep = { startedAt: at, windowStart, listDone: false, queue: [], delivered: {}, counts: {} };
  return { ...state, sweep };
}

/** Whether an item was not delivered before: created after the watermark and not one of the overlap's. */
export function isNew(state: SweepState, id: string, created: number): boolean {
  return created > state.since && !(id in state.seen) && !(id in state.sweep.delivered);
}

/**
 * Maps and collects an item unless an earlier poll or this sweep delivered it; a delivered one is
 * remembered while the next watermark's overlap still covers it.
 */
export function deliverOnce(
  state: SweepState,
  posts: PostInput[],
  id: string,
  created: number,
  map: () => PostInput | null,
): void {
  if (!isNew(state, id, created)) return;
  const post = map();
  if (!post) return;
  posts.push(post);
  markDelivered(state, id, created);
}

/** Records a delivered item that the next watermark's overlap still covers. */
export function markDelivered(state: SweepState, id: string, created: number): void {
  if (created > state.sweep.startedAt - watermarkOverlapSeconds) state.sweep.delivered[id] = created;
}

/** The cursor to store: the sweep as it stands while unfinished (`more`), else the new watermark. */
export function closeSweep(state: SweepState): { cursor: GraphCursor; more: boolean } {
  const { sweep } = state;
  if (!sweep.listDone || sweep.queue.length > 0) return { cursor: state, more: true };
  const since = Math.max(state.since, sweep.startedAt - watermarkOverlapSeconds);
  const seen = Object.fromEntries(
    Object.entries({ ...state.seen, ...sweep.delivered }).filter(([, created]) => created > since),
  );
  return { cursor: { since, seen, counts: sweep.counts }, more: false };
}
