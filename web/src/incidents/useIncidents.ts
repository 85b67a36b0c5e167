import { useQuery } from "@tanstack/react-query";
import type { IncidentRead } from "../../../src/incidents/incidents.schema.ts";
import { api } from "../app/api.ts";
import { incidentsKey } from "./incidentsKey.ts";
import { sortIncidents } from "./sortIncidents.ts";

/** The organisation's incidents, active first (`GET /api/incidents`). */
export function useIncidents() {
  return useQuery({
    queryKey: incidentsKey,
    queryFn: ({ signal }) => api<{ items: IncidentRead[] }>("/api/incidents", { signal }),
    select: (list) => sortIncidents(list.items),
    refetchInterval: 30_000,
  });
}
