import { useContext } from "react";
import type { Session } from "../../../src/orgs/orgs.schema.ts";
import { SessionContext } from "./SessionContext.ts";

/** The signed-in session; only for components rendered inside RequireAuth. */
export function useCurrentSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useCurrentSession must be used inside RequireAuth");
  return session;
}
