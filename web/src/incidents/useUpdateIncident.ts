import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { IncidentRead, IncidentUpdate } from "../../../src/incidents/incidents.schema.ts";
import { api } from "../app/api.ts";
import { incidentsKey } from "./incidentsKey.ts";

/** Changes an incident, e.g. its status (`PATCH /api/incidents/:id`). */
export function useUpdateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: IncidentUpdate }) =>
      api<IncidentRead>(`/api/incidents/${encodeURIComponent(id)}`, { method: "PATCH", body: changes }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: incidentsKey }),
  });
}
