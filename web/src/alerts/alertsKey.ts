/** Query key of everything read from `GET /api/alerts` (the lists and the open count). */
export const alertsKey = ["alerts"] as const;
