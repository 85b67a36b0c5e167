import { useQuery } from "@tanstack/react-query";
import type { MemberRead } from "../../../src/orgs/orgs.schema.ts";
import { api } from "../app/api.ts";
import { membersKey } from "./membersKey.ts";

/** The members of the current organisation (`GET /api/users`). */
export function useMembers() {
  return useQuery({
    queryKey: membersKey,
    queryFn: ({ signal }) => api<{ items: MemberRead[] }>("/api/users", { signal }),
    select: (list) => list.items,
  });
}
