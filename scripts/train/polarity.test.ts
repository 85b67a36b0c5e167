import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PolarityFileSchema } from "../../src/core/risk/classify/classify.schema.ts";
import { defaultDataDir } from "./datasets.ts";
import { buildGermanPolarity, germanNegators, senticonPolarity, strongPolarity } from "./polarity.ts";

const shipped = fileURLToPath(new URL("../../models/polarity-de.json", import.meta.url));
const haveData = existsSync(join(defaultDataDir, "sb10k"));
if (!haveData)
  console.warn(`notice: ${defaultDataDir} has no datasets; the polarity list is not rebuilt here.`);

describe("senticonPolarity", () => {
  it.each([
    ["schlecht", "strongly negative"],
    ["Katastrophe", "strongly negative"],
    ["toll", "strongly positive"],
    ["wunderbar", "strongly positive"],
  ])("rates %j %s", (word, expected) => {
    const value = senticonPolarity(word);
    expect(value < 0 ? "strongly negative" : "strongly positive").toBe(expected);
    expect(Math.abs(value)).toBeGreaterThanOrEqual(strongPolarity);
  });

  it("leaves out words whose stem is another word's without its umlaut, and words it does not know", () => {
    // "schon" (already) would read as "schön" (beautiful), "war" as "wär…".
    expect(senticonPolarity("schon")).toBe(0);
    expect(senticonPolarity("war")).toBe(0);
    expect(senticonPolarity("Dienstag")).toBe(0);
  });
});

describe("the shipped polarity list models/polarity-de.json", () => {
  const file = PolarityFileSchema.parse(JSON.parse(readFileSync(shipped, "utf8")));

  it("is a valid list whose classes do not overlap, with the negators", () => {
    const classes = [file.negative, file.stronglyNegative, file.positive, file.stronglyPositive];
    const all = classes.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(1000);
    expect(file.stronglyNegative).toContain("schlecht");
    expect(file.stronglyPositive).toContain("toll");
    expect(file.negators).toEqual(germanNegators);
    expect(all).not.toContain("schon");
  });

  it.skipIf(!haveData)("is what the training builds from the datasets", () => {
    expect(buildGermanPolarity(defaultDataDir)).toEqual(file);
  });
});
