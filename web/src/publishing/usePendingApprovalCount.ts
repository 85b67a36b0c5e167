import { useQuery } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { draftsKey } from "./draftsKey.ts";

/** How many drafts wait for the signed-in person's approval, for a badge in the navigation; polled every 15 s. */
export function usePendingApprovalCount() {
  return useQuery({
    queryKey: [...draftsKey, "pending-count"],
    queryFn: ({ signal }) => api<{ count: number }>("/api/drafts/pending-count", { signal }),
    select: (r) => r.count,
    refetchInterval: 15_000,
    staleTime: 5_000,
  });
}
