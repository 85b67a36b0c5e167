/** Query key of the incidents list (`GET /api/incidents`). */
export const incidentsKey = ["incidents"] as const;
