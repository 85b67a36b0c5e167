import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { PublishingRulesBody } from "../../../src/publishing/publishing.schema.ts";
import { api } from "../app/api.ts";
import type { PublishingRules } from "./usePublishingRules.ts";

/** Replaces the publishing rules (`PUT /api/publishing/rules`, managers and admins). */
export function useSavePublishingRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: PublishingRulesBody) =>
      api<PublishingRules>("/api/publishing/rules", { method: "PUT", body: rules }),
    onSuccess: (saved) => queryClient.setQueryData(["publishing", "rules"], saved),
  });
}
