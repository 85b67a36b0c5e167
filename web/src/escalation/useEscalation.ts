import { useQuery } from "@tanstack/react-query";
import type { TopicEscalationRead } from "../../../src/escalation/escalation.schema.ts";
import { api } from "../app/api.ts";

/** Each topic's escalation level with its explanation, refetched every 15 s (`GET /api/escalation`). */
export function useEscalation() {
  return useQuery({
    queryKey: ["escalation"],
    queryFn: ({ signal }) => api<{ items: TopicEscalationRead[] }>("/api/escalation", { signal }),
    refetchInterval: 15_000,
    staleTime: 5_000,
  });
}
