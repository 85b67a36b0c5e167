import { useQuery } from "@tanstack/react-query";
import { api } from "../app/api.ts";

/** A connector drafts can go out through. */
export interface PublishingAccount {
  id: string;
  name: string;
  kind: string;
  platform: string;
  canPublish: boolean;
}

/** The connectors drafts can be sent through (`GET /api/publishing/accounts`). */
export function usePublishingAccounts() {
  return useQuery({
    queryKey: ["publishing", "accounts"],
    queryFn: ({ signal }) => api<{ items: PublishingAccount[] }>("/api/publishing/accounts", { signal }),
    select: (r) => r.items,
    staleTime: 60_000,
  });
}
