import { useQuery } from "@tanstack/react-query";
import type { PublishingRulesBody } from "../../../src/publishing/publishing.schema.ts";
import { api } from "../app/api.ts";

/** The rules as the API returns them, with the built-in legal-approval phrases. */
export type PublishingRules = PublishingRulesBody & { defaultLegalApprovalPhrases: string[] };

/** The organisation's publishing rules (`GET /api/publishing/rules`). */
export function usePublishingRules() {
  return useQuery({
    queryKey: ["publishing", "rules"],
    queryFn: ({ signal }) => api<PublishingRules>("/api/publishing/rules", { signal }),
  });
}
