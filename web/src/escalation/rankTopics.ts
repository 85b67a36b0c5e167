import type { TopicEscalationRead } from "../../../src/escalation/escalation.schema.ts";

/** The most escalated topics first: highest level, then the most unusual volume, then by id for a stable order. */
export function rankTopics<T extends Pick<TopicEscalationRead, "topicId" | "level" | "anomalyScore">>(
  items: readonly T[],
): T[] {
  return [...items].sort(
    (a, b) => b.level - a.level || b.anomalyScore - a.anomalyScore || a.topicId.localeCompare(b.topicId),
  );
}
