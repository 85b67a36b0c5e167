/** Query key of the imported block lists (`GET /api/risk/blocklists`). */
export const blockListsKey = ["risk", "blocklists"] as const;
