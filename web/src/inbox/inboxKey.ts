/** Query key of everything read from `/api/inbox` (lists, conversations, figures, settings). */
export const inboxKey = ["inbox"] as const;
