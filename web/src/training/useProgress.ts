import { useQuery } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { progressKey } from "./trainingKeys.ts";
import type { ProgressListRead } from "./trainingTypes.ts";

/** Each person's training results (`GET /api/training/progress`): one's own, or everyone's for trainers. */
export function useProgress() {
  return useQuery({
    queryKey: progressKey,
    queryFn: ({ signal }) => api<ProgressListRead>("/api/training/progress", { signal }),
    select: (list) => list.items,
  });
}
