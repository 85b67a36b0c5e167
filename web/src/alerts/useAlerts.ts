import { useInfiniteQuery } from "@tanstack/react-query";
import type { AlertRead, AlertState } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";
import { alertsKey } from "./alertsKey.ts";

/** Alerts per page; "Load older" asks for the next page before the last alert shown. */
export const ALERTS_PAGE = 50;

/** The alerts in one state (or all), newest first, polled every 10 s (`GET /api/alerts`). */
export function useAlerts(state: AlertState | undefined) {
  return useInfiniteQuery({
    queryKey: [...alertsKey, "list", state ?? "all"],
    queryFn: ({ pageParam, signal }) =>
      api<{ items: AlertRead[]; openCount: number }>("/api/alerts", {
        query: { state, limit: ALERTS_PAGE, before: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.items.length < ALERTS_PAGE ? undefined : last.items.at(-1)?.id),
    refetchInterval: 10_000,
    staleTime: 5_000,
  });
}
