/** Query key of the organisation's API tokens (`GET /api/tokens`). */
export const tokensKey = ["tokens"] as const;
