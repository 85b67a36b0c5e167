import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AlertRuleCreate, AlertRuleRead } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";
import { alertRulesKey } from "./alertRulesKey.ts";

/** Creates an alert rule (`POST /api/alert-rules`). */
export function useCreateAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AlertRuleCreate) => api<AlertRuleRead>("/api/alert-rules", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertRulesKey }),
  });
}
