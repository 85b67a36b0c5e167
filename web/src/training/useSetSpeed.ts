import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ExerciseRead } from "../../../src/training/training.schema.ts";
import { api } from "../app/api.ts";
import { exerciseKey } from "./trainingKeys.ts";
import type { SpeedUpdateWrite } from "./trainingTypes.ts";

/** Changes how fast the scenario clock runs (`PUT /api/training/exercises/{id}/speed`). */
export function useSetSpeed(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SpeedUpdateWrite) =>
      api<ExerciseRead>(`/api/training/exercises/${encodeURIComponent(id)}/speed`, { method: "PUT", body }),
    onSuccess: (exercise) => queryClient.setQueryData(exerciseKey(id), exercise),
  });
}
