/** Query key of the stakeholder map (`GET /api/stakeholders`). */
export const stakeholdersKey = ["stakeholders"] as const;
