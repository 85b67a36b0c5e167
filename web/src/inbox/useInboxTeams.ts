import { useQuery } from "@tanstack/react-query";
import type { TeamRead } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** The organisation's teams (`GET /api/inbox/teams`). */
export function useInboxTeams() {
  return useQuery({
    queryKey: [...inboxKey, "teams"],
    queryFn: ({ signal }) => api<{ items: TeamRead[] }>("/api/inbox/teams", { signal }),
    select: (list) => list.items,
  });
}
