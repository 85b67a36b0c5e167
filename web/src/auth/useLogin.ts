import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Session } from "../../../src/orgs/orgs.schema.ts";
import { api, setCsrfToken } from "../app/api.ts";
import { sessionKey } from "./sessionKey.ts";

/** Signs in with email and password (`POST /api/auth/login`) and stores the new session. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<Session>("/api/auth/login", { method: "POST", body }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}
