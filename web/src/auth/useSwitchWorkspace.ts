import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Session } from "../../../src/orgs/orgs.schema.ts";
import { api, setCsrfToken } from "../app/api.ts";
import { sessionKey } from "./sessionKey.ts";

/**
 * Switches the session to another organisation the user belongs to (`POST /api/auth/workspace`): stores the
 * new session and refetches everything else, since all other cached data belonged to the old workspace.
 */
export function useSwitchWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orgId: string) => api<Session>("/api/auth/workspace", { method: "POST", body: { orgId } }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
      // Not awaited: the caller navigates at once, and the page being left need not refetch first.
      void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}
