import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { IncidentCreate, IncidentRead } from "../../../src/incidents/incidents.schema.ts";
import { api } from "../app/api.ts";
import { incidentsKey } from "./incidentsKey.ts";

/** Opens an incident by hand (`POST /api/incidents`). */
export function useCreateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IncidentCreate) => api<IncidentRead>("/api/incidents", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: incidentsKey }),
  });
}
