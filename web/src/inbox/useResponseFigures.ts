import { useQuery } from "@tanstack/react-query";
import type { ResponseFigures } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Response times and breaches of the last `days` days (`GET /api/inbox/figures`), refreshed every minute. */
export function useResponseFigures(days = 7) {
  return useQuery({
    queryKey: [...inboxKey, "figures", days],
    queryFn: ({ signal }) => api<ResponseFigures>("/api/inbox/figures", { query: { days }, signal }),
    refetchInterval: 60_000,
  });
}
