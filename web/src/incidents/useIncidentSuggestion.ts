import { useQuery } from "@tanstack/react-query";
import type { IncidentSourceKind, IncidentSuggestion } from "../../../src/incidents/incidents.schema.ts";
import { api, withQuery } from "../app/api.ts";

/** The title and severity to prefill for a source (`GET /api/incidents/suggestion`); fetched only when `enabled`. */
export function useIncidentSuggestion(
  source: { kind: IncidentSourceKind; id: string },
  lang: "de" | "en",
  enabled: boolean,
) {
  return useQuery({
    queryKey: ["incident-suggestion", source.kind, source.id, lang],
    queryFn: ({ signal }) =>
      api<IncidentSuggestion>(withQuery("/api/incidents/suggestion", { ...source, lang }), { signal }),
    enabled,
  });
}
