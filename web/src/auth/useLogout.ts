import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, setCsrfToken } from "../app/api.ts";
import { sessionKey } from "./sessionKey.ts";

/** Signs out (`POST /api/auth/logout`) and forgets everything cached for the old session. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("/api/auth/logout", { method: "POST" }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
