import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ExerciseRead } from "../../../src/training/training.schema.ts";
import { api } from "../app/api.ts";
import { exerciseKey, exercisesKey, feedKey } from "./trainingKeys.ts";

/** The trainer's clock controls. */
export type ExerciseControl = "start" | "pause" | "resume" | "end";

/** Starts, pauses, resumes or ends an exercise (`POST /api/training/exercises/{id}/{control}`). */
export function useExerciseControl(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (control: ExerciseControl) =>
      api<ExerciseRead>(`/api/training/exercises/${encodeURIComponent(id)}/${control}`, {
        method: "POST",
        body: {},
      }),
    onSuccess: async (exercise) => {
      queryClient.setQueryData(exerciseKey(id), exercise);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: feedKey(id) }),
        queryClient.invalidateQueries({ queryKey: exercisesKey, exact: true }),
      ]);
    },
  });
}
