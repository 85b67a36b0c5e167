import { useQuery } from "@tanstack/react-query";
import type { IncidentFigures } from "../../../src/incidents/incidents.schema.ts";
import { api } from "../app/api.ts";
import { incidentFiguresKey } from "./incidentKeys.ts";

/** The Overview's incident figures (`GET /api/incident-figures`). */
export function useIncidentFigures() {
  return useQuery({
    queryKey: incidentFiguresKey,
    queryFn: ({ signal }) => api<IncidentFigures>("/api/incident-figures", { signal }),
    refetchInterval: 60_000,
  });
}
