/** Query key of everything read from `/api/drafts` (lists, one draft, the pending count). */
export const draftsKey = ["drafts"] as const;
