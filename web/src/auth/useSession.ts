import { useQuery } from "@tanstack/react-query";
import type { Session } from "../../../src/orgs/orgs.schema.ts";
import { ApiError, api, setCsrfToken } from "../app/api.ts";
import { sessionKey } from "./sessionKey.ts";

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>("/api/auth/me");
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in session, or `null` when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}
