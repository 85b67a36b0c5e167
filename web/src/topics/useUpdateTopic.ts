import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TopicRead, TopicUpdate } from "../../../src/topics/topics.schema.ts";
import { api } from "../app/api.ts";
import { topicsKey } from "./topicsKey.ts";

/** Changes a tracked topic (`PATCH /api/topics/:id`). */
export function useUpdateTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: TopicUpdate }) =>
      api<TopicRead>(`/api/topics/${encodeURIComponent(id)}`, { method: "PATCH", body: changes }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicsKey }),
  });
}
