import { useMemo } from "react";
import { useTopics } from "./useTopics.ts";

/** A lookup from topic id to topic name, for lists that carry only ids. */
export function useTopicNames(): ReadonlyMap<string, string> {
  const topics = useTopics();
  return useMemo(() => new Map((topics.data ?? []).map((topic) => [topic.id, topic.name])), [topics.data]);
}
