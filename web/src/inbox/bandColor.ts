import type { PriorityBand } from "../../../src/core/sla/targets.ts";

/** Mantine colours of the priority bands, dark enough for white text (WCAG AA). */
export const bandColor: Record<PriorityBand, string> = {
  urgent: "red.9",
  high: "orange.9",
  normal: "blue.8",
  low: "gray.7",
};
