import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../app/api.ts";
import { currentExerciseKey } from "./trainingKeys.ts";
import type { CurrentExerciseRead } from "./trainingTypes.ts";

async function fetchCurrent(signal: AbortSignal): Promise<CurrentExerciseRead | null> {
  try {
    return await api<CurrentExerciseRead>("/api/training/current", { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The exercise of the current workspace for the training banner (`GET /api/training/current`, every 5 s); null outside one. */
export function useCurrentExercise(enabled: boolean) {
  return useQuery({
    queryKey: currentExerciseKey,
    queryFn: ({ signal }) => fetchCurrent(signal),
    enabled,
    refetchInterval: 5000,
  });
}
