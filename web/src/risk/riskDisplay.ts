import { RiskCategory } from "../../../src/posts/posts.schema.ts";

/** Whether a category is a chance (`opportunity_*`: a question, praise, a lead) rather than a risk. */
export function isChance(category: RiskCategory): boolean {
  return category.startsWith("opportunity_");
}

/** The risk categories, then the chances, in the engine's order. */
export const riskOnlyCategories = RiskCategory.options.filter((c) => !isChance(c));
export const chanceCategories = RiskCategory.options.filter(isChance);

/** How urgent a post is, in words a team can sort by at a glance. */
export type PriorityLevel = "high" | "medium" | "low";

/** Thresholds on the engine's 0..1 priority: from 0.7 high, from 0.4 medium. */
export function priorityLevel(priority: number): PriorityLevel {
  if (priority >= 0.7) return "high";
  if (priority >= 0.4) return "medium";
  return "low";
}

// Badge colours with white text at ≥ 4.5:1 (WCAG AA): a dark orange (5.9:1) for risks, Mantine teal-9 (5.0:1) for chances.
const riskColor = "#b04000";
const chanceColor = "teal.9";

/** The badge colour of a flag: warm for risks, calm for chances. */
export function flagColor(category: RiskCategory): string {
  return isChance(category) ? chanceColor : riskColor;
}

/** The priority badge's colour; outlined, so the text colour on white must reach 4.5:1 too. */
export const priorityColor: Record<PriorityLevel, string> = {
  high: "red.9",
  medium: riskColor,
  low: "gray.8",
};
