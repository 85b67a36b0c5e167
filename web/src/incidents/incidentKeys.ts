/** Query keys of one incident and its parts; invalidating `incidentKey(id)` refreshes them all. */
export const incidentKey = (id: string) => ["incident", id] as const;
export const incidentPartKey = (id: string, part: string) => ["incident", id, part] as const;
/** Query key of the Overview's incident figures. */
export const incidentFiguresKey = ["incident-figures"] as const;
