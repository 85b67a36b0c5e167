import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { alertRulesKey } from "./alertRulesKey.ts";

/** Deletes an alert rule (`DELETE /api/alert-rules/:id`). */
export function useDeleteAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/alert-rules/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertRulesKey }),
  });
}
