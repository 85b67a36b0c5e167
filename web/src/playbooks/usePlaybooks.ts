import { useQuery } from "@tanstack/react-query";
import type { PlaybookRead } from "../../../src/playbooks/playbooks.schema.ts";
import { api } from "../app/api.ts";

/** Query key of the playbooks list. */
export const playbooksKey = ["playbooks"] as const;

/** The organisation's playbooks with their latest version (`GET /api/playbooks`). */
export function usePlaybooks() {
  return useQuery({
    queryKey: playbooksKey,
    queryFn: ({ signal }) => api<{ items: PlaybookRead[] }>("/api/playbooks", { signal }),
    select: (list) => list.items,
  });
}
