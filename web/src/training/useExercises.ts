import { useQuery } from "@tanstack/react-query";
import type { ExerciseRead } from "../../../src/training/training.schema.ts";
import { api } from "../app/api.ts";
import { exercisesKey } from "./trainingKeys.ts";

/** The exercises the caller may see (`GET /api/training/exercises`): trainers all, others those they joined. */
export function useExercises() {
  return useQuery({
    queryKey: exercisesKey,
    queryFn: ({ signal }) => api<{ items: ExerciseRead[] }>("/api/training/exercises", { signal }),
    select: (list) => list.items,
    refetchInterval: 15_000,
  });
}
