import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { exerciseKey, exercisesKey } from "./trainingKeys.ts";

/** Deletes an exercise with its team workspaces (`DELETE /api/training/exercises/{id}`). */
export function useDeleteExercise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/training/exercises/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: async (_, id) => {
      queryClient.removeQueries({ queryKey: exerciseKey(id) });
      await queryClient.invalidateQueries({ queryKey: exercisesKey, exact: true });
    },
  });
}
