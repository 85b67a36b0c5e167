import { useQuery } from "@tanstack/react-query";
import type { AlertRuleRead } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";
import { alertRulesKey } from "./alertRulesKey.ts";

/** The organisation's alert rules (`GET /api/alert-rules`). */
export function useAlertRules() {
  return useQuery({
    queryKey: alertRulesKey,
    queryFn: ({ signal }) => api<{ items: AlertRuleRead[] }>("/api/alert-rules", { signal }),
    select: (list) => list.items,
  });
}
