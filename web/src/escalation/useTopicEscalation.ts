import { useQuery } from "@tanstack/react-query";
import type { TimelineResolution, TopicEscalationDetail } from "../../../src/escalation/escalation.schema.ts";
import { api } from "../app/api.ts";

/**
 * One topic's escalation with its timeline, new voices and coordinated groups, refetched every 15 s
 * (`GET /api/escalation/:topicId`); idle while no topic is chosen.
 */
export function useTopicEscalation(topicId: string | undefined, resolution: TimelineResolution) {
  return useQuery({
    queryKey: ["escalation", "detail", topicId, resolution],
    queryFn: ({ signal }) =>
      api<TopicEscalationDetail>(`/api/escalation/${encodeURIComponent(topicId ?? "")}`, {
        query: { resolution },
        signal,
      }),
    enabled: topicId !== undefined,
    refetchInterval: 15_000,
    staleTime: 5_000,
  });
}
