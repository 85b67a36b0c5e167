/** Query key of the official accounts and lookalikes (`GET /api/accounts`). */
export const accountsKey = ["accounts"] as const;
