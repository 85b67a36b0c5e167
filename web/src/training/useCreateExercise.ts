import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ExerciseCreate, ExerciseRead } from "../../../src/training/training.schema.ts";
import { api } from "../app/api.ts";
import { exerciseKey, exercisesKey } from "./trainingKeys.ts";

/** Creates an exercise from a library scenario (`POST /api/training/exercises`); it starts in the lobby. */
export function useCreateExercise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ExerciseCreate) =>
      api<ExerciseRead>("/api/training/exercises", { method: "POST", body }),
    onSuccess: async (exercise) => {
      queryClient.setQueryData(exerciseKey(exercise.id), exercise);
      await queryClient.invalidateQueries({ queryKey: exercisesKey });
    },
  });
}
