import { useQuery } from "@tanstack/react-query";
import type { EvidenceSettingsRead } from "../../../src/evidence/evidence.schema.ts";
import { api } from "../app/api.ts";
import { evidenceKey } from "./evidenceKey.ts";

/** The organisation's retention and time-stamping settings (`GET /api/evidence/settings`). */
export function useEvidenceSettings() {
  return useQuery({
    queryKey: [...evidenceKey, "settings"],
    queryFn: ({ signal }) => api<EvidenceSettingsRead>("/api/evidence/settings", { signal }),
  });
}
