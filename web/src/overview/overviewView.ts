import { TimelineResolution } from "../../../src/escalation/escalation.schema.ts";

/** The window of the mention volume chart. */
export type ChartWindow = "1h" | "24h";

/** What the Overview shows, as kept in the URL query string so a view can be linked. */
export interface OverviewView {
  chart: ChartWindow;
  /** The topic whose detail is open; undefined: the most escalated one. */
  topicId: string | undefined;
  resolution: TimelineResolution;
}

/** Reads the view from the URL; unknown values fall back to the defaults (last hour, per minute). */
export function overviewViewFromSearch(params: URLSearchParams): OverviewView {
  const topicId = params.get("topic")?.trim().slice(0, 200);
  const resolution = TimelineResolution.options.find((r) => r === params.get("res")) ?? "minute";
  return { chart: params.get("chart") === "24h" ? "24h" : "1h", topicId: topicId || undefined, resolution };
}

/** A copy of `params` with `key` set to `value`, or removed when `value` is undefined (its default). */
export function withSearchParam(
  params: URLSearchParams,
  key: string,
  value: string | undefined,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
}
