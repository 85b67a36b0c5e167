import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { sessionKey } from "../auth/sessionKey.ts";
import type { JoinBodyWrite, JoinedRead } from "./trainingTypes.ts";

/**
 * Joins an exercise (`POST /api/training/join`). The session then works in the exercise workspace, so the
 * session is fetched again and all other cached data, which belonged to the old workspace, is refetched.
 */
export function useJoinExercise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: JoinBodyWrite) => api<JoinedRead>("/api/training/join", { method: "POST", body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}
