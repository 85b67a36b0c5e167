/** Query key of the organisation's risk profile (`GET /api/risk/profile`). */
export const riskProfileKey = ["risk", "profile"] as const;
