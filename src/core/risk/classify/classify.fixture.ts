import type { PolarityFile } from "./classify.schema.ts";

/** A small German polarity list for tests: a word or two per class, and two negators. */
export const testPolarityFile: PolarityFile = {
  format: 1,
  name: "polarity-de",
  lang: "de",
  source: "test",
  weight: 3,
  negative: ["langsam"],
  stronglyNegative: ["schlecht", "enttäuscht"],
  positive: ["freundlich"],
  stronglyPositive: ["gut", "großartig"],
  negators: ["nicht", "kein"],
};
