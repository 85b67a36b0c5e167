import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AlertRuleRead, AlertRuleUpdate } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";
import { alertRulesKey } from "./alertRulesKey.ts";

/** Changes an alert rule, e.g. switches it off (`PATCH /api/alert-rules/:id`). */
export function useUpdateAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: AlertRuleUpdate }) =>
      api<AlertRuleRead>(`/api/alert-rules/${encodeURIComponent(id)}`, { method: "PATCH", body: changes }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertRulesKey }),
  });
}
