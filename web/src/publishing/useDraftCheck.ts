import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { CheckRead } from "../../../src/publishing/publishing.schema.ts";
import { api } from "../app/api.ts";

/** The live pre-publication check of a text as one types (with the chosen account's length limit): asked 600 ms after the last keystroke. */
export function useDraftCheck(text: string, lang: "de" | "en" | "other", connectorId: string | undefined) {
  const [settled] = useDebouncedValue(text, 600);
  const query = useQuery({
    queryKey: ["drafts", "check", settled, lang, connectorId ?? null],
    queryFn: ({ signal }) =>
      api<CheckRead>("/api/drafts/check", {
        method: "POST",
        body: { text: settled, lang, ...(connectorId ? { connectorId } : {}) },
        signal,
      }),
    enabled: settled.trim() !== "",
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  return { ...query, checkedText: settled, isStale: settled !== text };
}
