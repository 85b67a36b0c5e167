import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AlertRead, AlertState } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";
import { alertsKey } from "./alertsKey.ts";

/** Acknowledges, resolves or reopens an alert (`PATCH /api/alerts/:id`). */
export function useUpdateAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, state }: { id: string; state: AlertState }) =>
      api<AlertRead>(`/api/alerts/${encodeURIComponent(id)}`, { method: "PATCH", body: { state } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertsKey }),
  });
}
