/** Bucket widths the Overview chart uses. */
export type ChartBucket = "minute" | "hour";

const bucketMs: Record<ChartBucket, number> = { minute: 60_000, hour: 3_600_000 };

/** One bar of the chart: bucket start (epoch ms) and the mentions in it. */
export interface VolumePoint {
  t: number;
  count: number;
}

/**
 * Lays the server's series on a complete grid from `from` to `now`, with 0 for buckets that had no mentions
 * (the server may leave empty buckets out), so the time axis is honest about quiet periods.
 */
export function fillSeries(
  series: readonly { t: string; count: number }[],
  from: number,
  now: number,
  bucket: ChartBucket,
): VolumePoint[] {
  const width = bucketMs[bucket];
  const first = Math.floor(from / width) * width;
  const last = Math.floor(now / width) * width;
  const counts = new Map<number, number>();
  for (const point of series) {
    const time = Date.parse(point.t);
    if (Number.isNaN(time)) continue;
    const slot = Math.floor(time / width) * width;
    if (slot < first || slot > last) continue;
    counts.set(slot, (counts.get(slot) ?? 0) + point.count);
  }
  const points: VolumePoint[] = [];
  for (let t = first; t <= last; t += width) points.push({ t, count: counts.get(t) ?? 0 });
  return points;
}

/** The busiest bucket, for the chart's text description; undefined when all are empty. */
export function peakOf(points: readonly VolumePoint[]): VolumePoint | undefined {
  let peak: VolumePoint | undefined;
  for (const point of points) if (point.count > 0 && (!peak || point.count > peak.count)) peak = point;
  return peak;
}
