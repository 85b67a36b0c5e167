import { useQuery } from "@tanstack/react-query";
import type { DebriefRead } from "../../../src/training/training.schema.ts";
import { api } from "../app/api.ts";
import { debriefKey } from "./trainingKeys.ts";

/** The debrief of an exercise: scores, timelines, lessons (`GET /api/training/exercises/{id}/debrief`). */
export function useDebrief(id: string) {
  return useQuery({
    queryKey: debriefKey(id),
    queryFn: ({ signal }) =>
      api<DebriefRead>(`/api/training/exercises/${encodeURIComponent(id)}/debrief`, { signal }),
  });
}
