// Service-level targets per priority band: how soon a conversation gets its first answer and how soon it
// is resolved, in business minutes of the organisation's service calendar.

/** Priority bands of a conversation, from its highest post priority (0..1). */
export const priorityBands = ["urgent", "high", "normal", "low"] as const;
export type PriorityBand = (typeof priorityBands)[number];

/** Lower bounds of the bands: urgent ≥ 0.8, high ≥ 0.6, normal ≥ 0.3, low below. */
export const bandFloors: Record<PriorityBand, number> = { urgent: 0.8, high: 0.6, normal: 0.3, low: 0 };

/** The band of a priority. */
export function bandOf(priority: number): PriorityBand {
  for (const band of priorityBands) if (priority >= bandFloors[band]) return band;
  return "low";
}

/** Targets of one band in business minutes. */
export interface BandTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export type ServiceTargets = Record<PriorityBand, BandTargets>;

/**
 * Defaults: an urgent post is answered within 30 business minutes and resolved within half a working day;
 * a low one within a working day and resolved within three (a working day is 600 minutes, 08:00-18:00).
 */
export const defaultServiceTargets: ServiceTargets = {
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 60, resolutionMinutes: 600 },
  normal: { firstResponseMinutes: 240, resolutionMinutes: 1200 },
  low: { firstResponseMinutes: 600, resolutionMinutes: 1800 },
};

/** The value below which `share` (0..1) of the sorted values lie (nearest rank); null for none. */
export function percentile(values: readonly number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(share * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}
