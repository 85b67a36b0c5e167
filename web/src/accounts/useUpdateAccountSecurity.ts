import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AccountSecurityWrite, OfficialAccountRead } from "../../../src/accounts/accounts.schema.ts";
import { api } from "../app/api.ts";
import { accountsKey } from "./accountsKey.ts";

/** Records what the team knows about an account's security, replacing the record (`PUT /api/accounts/security`). */
export function useUpdateAccountSecurity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (write: AccountSecurityWrite) =>
      api<OfficialAccountRead>("/api/accounts/security", { method: "PUT", body: write }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
}
