import { useQuery } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { joinInfoKey } from "./trainingKeys.ts";
import type { JoinInfoRead } from "./trainingTypes.ts";

/** What the join page shows for a join code (`GET /api/training/join/{code}`). */
export function useJoinInfo(code: string) {
  return useQuery({
    queryKey: joinInfoKey(code),
    queryFn: ({ signal }) => api<JoinInfoRead>(`/api/training/join/${encodeURIComponent(code)}`, { signal }),
    refetchInterval: 10_000,
    retry: false,
  });
}
