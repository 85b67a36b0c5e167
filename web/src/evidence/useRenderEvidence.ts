import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { EvidenceRead } from "../../../src/evidence/evidence.schema.ts";
import { api } from "../app/api.ts";
import { evidenceKey } from "./evidenceKey.ts";

/** Renders an item's PNG and PDF again from its snapshot (`POST /api/evidence/:id/render`). */
export function useRenderEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<EvidenceRead>(`/api/evidence/${encodeURIComponent(id)}/render`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidenceKey }),
  });
}
