import { createContext } from "react";
import type { Session } from "../../../src/orgs/orgs.schema.ts";

/** The session of the signed-in user; provided by RequireAuth around every signed-in page. */
export const SessionContext = createContext<Session | null>(null);
