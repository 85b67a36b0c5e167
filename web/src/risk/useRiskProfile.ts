import { useQuery } from "@tanstack/react-query";
import type { RiskProfile } from "../../../src/risk/risk.schema.ts";
import { api } from "../app/api.ts";
import { riskProfileKey } from "./riskProfileKey.ts";

/** The organisation's risk profile: brand names, domains, official accounts, executives, watchlist. */
export function useRiskProfile() {
  return useQuery({
    queryKey: riskProfileKey,
    queryFn: ({ signal }) => api<RiskProfile>("/api/risk/profile", { signal }),
  });
}
