import { useQuery } from "@tanstack/react-query";
import type { PlaybookVersionRead } from "../../../src/playbooks/playbooks.schema.ts";
import { api } from "../app/api.ts";
import { playbooksKey } from "./usePlaybooks.ts";

/** Every version of a playbook, newest first (`GET /api/playbooks/{id}/versions`); fetched when `enabled`. */
export function usePlaybookVersions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...playbooksKey, id, "versions"],
    queryFn: ({ signal }) =>
      api<{ items: PlaybookVersionRead[] }>(`/api/playbooks/${encodeURIComponent(id)}/versions`, { signal }),
    select: (list) => list.items,
    enabled,
  });
}
