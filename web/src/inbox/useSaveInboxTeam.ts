import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TeamRead } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Creates a team, or changes one when `id` is given (`POST`/`PATCH /api/inbox/teams`). */
export function useSaveInboxTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: string; name: string; memberIds: string[] }) =>
      id
        ? api<TeamRead>(`/api/inbox/teams/${encodeURIComponent(id)}`, { method: "PATCH", body })
        : api<TeamRead>("/api/inbox/teams", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
