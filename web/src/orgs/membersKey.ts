/** Query key of the organisation's members (`GET /api/users`). */
export const membersKey = ["users"] as const;
