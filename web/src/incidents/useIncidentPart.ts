import { useQuery } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { incidentPartKey } from "./incidentKeys.ts";

/** A list belonging to an incident (`GET /api/incidents/{id}/{part}`: timeline, tasks, clocks, notices, posts, roles). */
export function useIncidentPart<T>(id: string, part: string, refetchMs = 15_000) {
  return useQuery({
    queryKey: incidentPartKey(id, part),
    queryFn: ({ signal }) =>
      api<{ items: T[] }>(`/api/incidents/${encodeURIComponent(id)}/${part}`, { signal }),
    select: (list) => list.items,
    refetchInterval: refetchMs,
  });
}
