/** Query key of everything read from `/api/evidence` (lists, items, settings). */
export const evidenceKey = ["evidence"] as const;
