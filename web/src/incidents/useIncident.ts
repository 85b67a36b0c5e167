import { useQuery } from "@tanstack/react-query";
import type { IncidentRead } from "../../../src/incidents/incidents.schema.ts";
import { api } from "../app/api.ts";
import { incidentKey } from "./incidentKeys.ts";

/** One incident (`GET /api/incidents/{id}`). */
export function useIncident(id: string) {
  return useQuery({
    queryKey: incidentKey(id),
    queryFn: ({ signal }) => api<IncidentRead>(`/api/incidents/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: 30_000,
  });
}
