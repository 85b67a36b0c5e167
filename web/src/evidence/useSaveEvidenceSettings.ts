import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { EvidenceSettings, EvidenceSettingsRead } from "../../../src/evidence/evidence.schema.ts";
import { api } from "../app/api.ts";
import { evidenceKey } from "./evidenceKey.ts";

/** Saves retention and the time-stamping authority (`PUT /api/evidence/settings`, admins). */
export function useSaveEvidenceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EvidenceSettings) =>
      api<EvidenceSettingsRead>("/api/evidence/settings", { method: "PUT", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidenceKey }),
  });
}
