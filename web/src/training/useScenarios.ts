import { useQuery } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { scenariosKey } from "./trainingKeys.ts";
import type { ScenarioListRead } from "./trainingTypes.ts";

/** The scenario library (`GET /api/training/scenarios`). */
export function useScenarios() {
  return useQuery({
    queryKey: scenariosKey,
    queryFn: ({ signal }) => api<ScenarioListRead>("/api/training/scenarios", { signal }),
    select: (list) => list.items,
    staleTime: 5 * 60_000,
  });
}
