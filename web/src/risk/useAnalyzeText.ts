import { useMutation } from "@tanstack/react-query";
import type { AnalysisRead } from "../../../src/risk/risk.schema.ts";
import { api } from "../app/api.ts";

/** Checks one of our own drafts before it is published (`POST /api/analyze`, `direction: outgoing`). */
export function useAnalyzeText() {
  return useMutation({
    mutationFn: async (text: string) => {
      const result = await api<{ items: AnalysisRead[] }>("/api/analyze", {
        method: "POST",
        body: { items: [{ text, direction: "outgoing" }] },
      });
      const analysis = result.items[0];
      if (!analysis) throw new Error("POST /api/analyze answered without an item");
      return { text, analysis };
    },
  });
}
