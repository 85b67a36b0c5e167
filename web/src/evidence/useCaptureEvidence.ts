import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { EvidenceCreate, EvidenceRead } from "../../../src/evidence/evidence.schema.ts";
import { api } from "../app/api.ts";
import { evidenceKey } from "./evidenceKey.ts";

/** Captures a stored post as evidence (`POST /api/evidence`); rendering takes a few seconds. */
export function useCaptureEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EvidenceCreate) =>
      api<EvidenceRead>("/api/evidence", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidenceKey }),
  });
}
