import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { PlaybookRead, PlaybookStep } from "../../../src/playbooks/playbooks.schema.ts";
import { api } from "../app/api.ts";
import { playbooksKey } from "./usePlaybooks.ts";

/** Saves edited steps as a new version (`POST /api/playbooks/{id}/versions`). */
export function useSavePlaybookVersion(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (steps: PlaybookStep[]) =>
      api<PlaybookRead>(`/api/playbooks/${encodeURIComponent(id)}/versions`, {
        method: "POST",
        body: { steps },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: playbooksKey }),
  });
}
