import { useQuery } from "@tanstack/react-query";
import type { ScenarioDetail } from "../../../src/training/training.schema.ts";
import { api } from "../app/api.ts";
import { scenarioKey } from "./trainingKeys.ts";

/** One scenario with personas, injects and rubric (`GET /api/training/scenarios/{id}`); only when `enabled`. */
export function useScenario(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: scenarioKey(id ?? ""),
    queryFn: ({ signal }) =>
      api<ScenarioDetail>(`/api/training/scenarios/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: enabled && Boolean(id),
    staleTime: 5 * 60_000,
  });
}
