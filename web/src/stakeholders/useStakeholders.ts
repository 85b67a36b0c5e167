import { useQuery } from "@tanstack/react-query";
import type { StakeholderAccountRead } from "../../../src/stakeholders/stakeholders.schema.ts";
import { api } from "../app/api.ts";
import { stakeholdersKey } from "./stakeholdersKey.ts";

/** The organisation's stakeholder map with each account's posts of the last 7 days (`GET /api/stakeholders`). */
export function useStakeholders() {
  return useQuery({
    queryKey: stakeholdersKey,
    queryFn: ({ signal }) => api<{ items: StakeholderAccountRead[] }>("/api/stakeholders", { signal }),
    select: (list) => list.items,
    // The 7-day activity changes while posts arrive.
    refetchInterval: 30_000,
  });
}
