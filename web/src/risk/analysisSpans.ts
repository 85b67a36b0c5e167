import type { RiskCategory } from "../../../src/posts/posts.schema.ts";
import type { AnalysisRead } from "../../../src/risk/risk.schema.ts";
import type { HighlightSpan } from "../mentions/highlight.ts";

/** The flagged categories of an analysis, in the engine's order, with the spans that raised them (as a post's assessment has them). */
export function flaggedSpans(analysis: AnalysisRead): { flags: RiskCategory[]; spans: HighlightSpan[] } {
  const flags: RiskCategory[] = [];
  const spans: HighlightSpan[] = [];
  for (const [category, result] of Object.entries(analysis.risks) as [
    RiskCategory,
    AnalysisRead["risks"][RiskCategory],
  ][]) {
    if (!result?.flagged) continue;
    flags.push(category);
    for (const span of result.spans) spans.push({ category, ...span });
  }
  return { flags, spans };
}
