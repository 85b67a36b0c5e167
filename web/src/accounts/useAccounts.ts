import { useQuery } from "@tanstack/react-query";
import type { AccountsOverview } from "../../../src/accounts/accounts.schema.ts";
import { api } from "../app/api.ts";
import { accountsKey } from "./accountsKey.ts";

/** The official accounts with their security, activity and takeover signs, and the lookalikes (`GET /api/accounts`). */
export function useAccounts() {
  return useQuery({
    queryKey: accountsKey,
    queryFn: ({ signal }) => api<AccountsOverview>("/api/accounts", { signal }),
    // A takeover shows within minutes; the page must not wait for a reload to say so.
    refetchInterval: 30_000,
  });
}
