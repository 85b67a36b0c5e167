import { useQuery } from "@tanstack/react-query";
import type { AlertRead } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";
import { alertsKey } from "./alertsKey.ts";

/** How many alerts are open, for the badge in the navigation; polled every 15 s (`GET /api/alerts`). */
export function useOpenAlertCount() {
  return useQuery({
    queryKey: [...alertsKey, "open-count"],
    queryFn: ({ signal }) =>
      api<{ items: AlertRead[]; openCount: number }>("/api/alerts", {
        query: { state: "open", limit: 1 },
        signal,
      }),
    select: (list) => list.openCount,
    refetchInterval: 15_000,
    staleTime: 5_000,
  });
}
