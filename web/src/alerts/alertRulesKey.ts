/** Query key of the alert rules list (`GET /api/alert-rules`). */
export const alertRulesKey = ["alert-rules"] as const;
