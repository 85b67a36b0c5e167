import { createRequire } from "node:module";
import {
  defaultFeatureConfig,
  type FeatureConfig,
  isWordUnit,
} from "../../src/core/risk/classify/classify.features.ts";
import { decodePolarity } from "../../src/core/risk/classify/classify.model.ts";
import type { PolarityFile } from "../../src/core/risk/classify/classify.schema.ts";
import { foldText } from "../../src/core/text/normalize.ts";
import { germanTrainingTexts } from "./recipes.ts";

// @nlpjs/lang-de (MIT) is CommonJS: its Snowball stemmer and its polarity list (ML-SentiCon, stems with
// diacritics stripped, values in [-1, 1]). A development dependency: scoring reads the list written here.
const require = createRequire(import.meta.url);
const { StemmerDe } = require("@nlpjs/lang-de") as {
  StemmerDe: new () => { stemWord(word: string): string };
};
const senticon = require("@nlpjs/lang-de/src/sentiment/senticon_de.json") as Record<string, number>;

/** A polarity of at least this size (either sign) is strong. */
export const strongPolarity = 0.3;
/** Polarities closer to zero than this are left out (ML-SentiCon rates many neutral stems ±0.004). */
export const weakestPolarity = 0.05;
/**
 * What a polarity feature weighs against an n-gram seen as often. At 1 the L2 penalty keeps its weight small
 * (one feature among hundreds). Dev average precision of the four German linear models (toxic, hate,
 * negative, fact_claim; mean) without the list 0.6218, at weight 2 0.6276, 3 0.6289, 6 0.6292; negative-de
 * alone 0.512, 0.530, 0.533, 0.533.
 */
export const polarityWeight = 6;

/** Words that flip the polarity of the next words (see `negationReach`). */
export const germanNegators = [
  "nicht",
  "kein",
  "keine",
  "keinen",
  "keinem",
  "keiner",
  "keines",
  "nie",
  "niemals",
  "nichts",
  "weder",
  "ohne",
];

/**
 * Frequent words whose diacritics-free stem is a polarity stem of another word ("schon" is "schön" without
 * its umlaut, "war" reads as "wär…"), or function words the list rates: left out, they would mark most posts.
 */
export const germanPolarityStoplist = new Set([
  "schon",
  "war",
  "waren",
  "ware",
  "mal",
  "mehr",
  "muss",
  "musst",
  "musste",
  "fur",
  "uber",
  "uns",
  "da",
  "so",
  "ja",
  "nur",
  "noch",
  "auch",
  "man",
  "hat",
  "hast",
  "habe",
  "haben",
  "hatte",
  "wird",
  "werden",
  "kann",
  "konnen",
  "konnte",
]);

const stemmer = new StemmerDe();

/** ML-SentiCon's polarity of a German word form, or 0 (stem first, then the diacritics-free form). */
export function senticonPolarity(word: string): number {
  const lower = word.toLowerCase();
  const bare = stripDiacritics(lower);
  if (germanPolarityStoplist.has(bare)) return 0;
  const stem = stripDiacritics(stemmer.stemWord(lower));
  const value = senticon[stem] ?? senticon[bare] ?? 0;
  return Math.abs(value) < weakestPolarity ? 0 : value;
}

/**
 * The German polarity list `polarity-de`: every word form of the German training texts (the training parts of
 * GermEval 2018, 2019, 2021, HASOC 2019, SB10k and PotTS; dev texts left out) that ML-SentiCon rates, by
 * class, folded as the feature extractor folds text, plus the negators. Deterministic: the same datasets give
 * the same file.
 */
export function buildGermanPolarity(dataDir: string): PolarityFile {
  const forms = new Set<string>();
  for (const text of germanTrainingTexts(dataDir)) for (const word of wordsOf(text)) forms.add(word);
  const classes = {
    negative: new Set<string>(),
    stronglyNegative: new Set<string>(),
    positive: new Set<string>(),
    stronglyPositive: new Set<string>(),
  };
  const negators = new Set(germanNegators);
  for (const form of forms) {
    const lower = form.toLowerCase();
    if (negators.has(lower)) continue;
    const value = senticonPolarity(lower);
    if (value === 0) continue;
    const folded = foldText(lower);
    if (![...folded].every((c) => isWordUnit(c.charCodeAt(0)))) continue;
    const strong = Math.abs(value) >= strongPolarity;
    const target =
      value < 0
        ? strong
          ? classes.stronglyNegative
          : classes.negative
        : strong
          ? classes.stronglyPositive
          : classes.positive;
    target.add(folded);
  }
  // A folded form in two classes (two original spellings) keeps the first class in this order.
  const taken = new Set<string>();
  const list = (words: Set<string>) =>
    [...words].sort().filter((word) => !taken.has(word) && taken.add(word));
  return {
    format: 1,
    name: "polarity-de",
    lang: "de",
    source:
      "ML-SentiCon German polarity stems as shipped by @nlpjs/lang-de (MIT), matched by its Snowball stemmer against the word forms of the training parts of GermEval 2018, 2019, 2021, HASOC 2019, SB10k and PotTS",
    weight: polarityWeight,
    stronglyNegative: list(classes.stronglyNegative),
    stronglyPositive: list(classes.stronglyPositive),
    negative: list(classes.negative),
    positive: list(classes.positive),
    negators: germanNegators,
  };
}

/** Runs of letters (no digits, no marks): the words a polarity list can hold. */
function wordsOf(text: string): string[] {
  return text.match(/\p{L}+/gu) ?? [];
}

function stripDiacritics(word: string): string {
  return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/**
 * The longest character n-gram of the German space (English keeps 5). German compounds and inflections carry
 * their meaning in longer pieces ("schweine", "idioten"): at 6, the dev average precision of the four German
 * linear models rose from 0.6292 to 0.6372 (each of them: toxic 0.762 → 0.767, hate 0.502 → 0.512, negative
 * 0.533 → 0.543, fact_claim 0.721 → 0.727), for 3–7 µs more classifier time a post; 2^19 buckets beside it
 * gave 0.6346, and character 1-grams (charMin 1) 0.6331.
 */
export const germanCharMax = 6;

/** The German feature space: the shared one with character n-grams up to `germanCharMax` and the polarity list. */
export function germanFeatureSpace(polarity: PolarityFile): FeatureConfig {
  return {
    ...defaultFeatureConfig,
    charMax: germanCharMax,
    polarity: decodePolarity(polarity, defaultFeatureConfig),
  };
}
