import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { EvidenceRead, EvidenceUpdate } from "../../../src/evidence/evidence.schema.ts";
import { api } from "../app/api.ts";
import { evidenceKey } from "./evidenceKey.ts";

/** Puts an item on legal hold or releases it, with a reason (`PATCH /api/evidence/:id`). */
export function useSetLegalHold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: EvidenceUpdate & { id: string }) =>
      api<EvidenceRead>(`/api/evidence/${encodeURIComponent(id)}`, { method: "PATCH", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidenceKey }),
  });
}
