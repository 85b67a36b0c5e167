import { useQuery } from "@tanstack/react-query";
import type { Report } from "../../../src/reports/reports.schema.ts";
import { api } from "../app/api.ts";

/** The situation report of [from, to) (`GET /api/reports/summary`). */
export function useReport(range: { from: string; to: string }) {
  return useQuery({
    queryKey: ["reports", "summary", range.from, range.to],
    queryFn: ({ signal }) => api<Report>("/api/reports/summary", { query: range, signal }),
    staleTime: 60_000,
  });
}
