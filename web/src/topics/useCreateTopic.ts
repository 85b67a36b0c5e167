import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TopicCreate, TopicRead } from "../../../src/topics/topics.schema.ts";
import { api } from "../app/api.ts";
import { topicsKey } from "./topicsKey.ts";

/** Creates a tracked topic (`POST /api/topics`). */
export function useCreateTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TopicCreate) => api<TopicRead>("/api/topics", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicsKey }),
  });
}
