import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RiskProfile } from "../../../src/risk/risk.schema.ts";
import { api } from "../app/api.ts";
import { riskProfileKey } from "./riskProfileKey.ts";

/** Replaces the risk profile (`PUT /api/risk/profile`); the answer is the profile as the server normalised it. */
export function useSaveRiskProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profile: RiskProfile) =>
      api<RiskProfile>("/api/risk/profile", { method: "PUT", body: profile }),
    onSuccess: (saved) => queryClient.setQueryData(riskProfileKey, saved),
  });
}
