/** Query key of the tracked topics list (`GET /api/topics`). */
export const topicsKey = ["topics"] as const;
