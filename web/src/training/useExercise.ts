import { useQuery } from "@tanstack/react-query";
import type { ExerciseRead } from "../../../src/training/training.schema.ts";
import { api } from "../app/api.ts";
import { exerciseKey } from "./trainingKeys.ts";

/** One exercise (`GET /api/training/exercises/{id}`), polled every 5 s so joins and the clock stay current. */
export function useExercise(id: string) {
  return useQuery({
    queryKey: exerciseKey(id),
    queryFn: ({ signal }) =>
      api<ExerciseRead>(`/api/training/exercises/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: 5000,
  });
}
