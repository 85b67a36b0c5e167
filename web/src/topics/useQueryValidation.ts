import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { QueryValidation } from "../../../src/topics/topics.schema.ts";
import { api } from "../app/api.ts";

/** Checks a topic query while the user types (`POST /api/topics/validate`, debounced by 300 ms). */
export function useQueryValidation(query: string) {
  const [debounced] = useDebouncedValue(query, 300);
  const validation = useQuery({
    queryKey: ["topics", "validate", debounced],
    queryFn: ({ signal }) =>
      api<QueryValidation>("/api/topics/validate", { method: "POST", body: { query: debounced }, signal }),
    enabled: debounced.trim().length > 0,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
  // While the debounce runs, the shown answer belongs to an older text; callers may want to know.
  return { ...validation, isSettled: debounced === query && !validation.isFetching };
}
