import { useQuery } from "@tanstack/react-query";
import type { TopicList } from "../../../src/topics/topics.schema.ts";
import { api } from "../app/api.ts";
import { topicsKey } from "./topicsKey.ts";

/** The organisation's tracked topics (`GET /api/topics`). */
export function useTopics() {
  return useQuery({
    queryKey: topicsKey,
    queryFn: ({ signal }) => api<TopicList>("/api/topics", { signal }),
    select: (list) => list.items,
  });
}
