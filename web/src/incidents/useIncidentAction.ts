import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { incidentFiguresKey, incidentKey } from "./incidentKeys.ts";
import { incidentsKey } from "./incidentsKey.ts";

/** A change to an incident or one of its parts (`{method} /api/incidents/{id}/{path}`); refreshes the incident after. */
export function useIncidentAction<TBody, TResult = unknown>(
  id: string,
  method: "POST" | "PATCH" | "PUT",
  path: (body: TBody) => string,
  bodyOf: (body: TBody) => unknown = (body) => body,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) =>
      api<TResult>(`/api/incidents/${encodeURIComponent(id)}${path(body)}`, { method, body: bodyOf(body) }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: incidentKey(id) }),
        queryClient.invalidateQueries({ queryKey: incidentsKey }),
        queryClient.invalidateQueries({ queryKey: incidentFiguresKey }),
      ]);
    },
  });
}
