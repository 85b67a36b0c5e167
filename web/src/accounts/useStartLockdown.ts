import { useMutation } from "@tanstack/react-query";
import type { AccountLockdown, AccountLockdownResult } from "../../../src/accounts/accounts.schema.ts";
import { api } from "../app/api.ts";

/** Opens the "own account hacked" incident with its playbook and the given posts (`POST /api/accounts/lockdown`). */
export function useStartLockdown() {
  return useMutation({
    mutationFn: (lockdown: AccountLockdown) =>
      api<AccountLockdownResult>("/api/accounts/lockdown", { method: "POST", body: lockdown }),
  });
}
