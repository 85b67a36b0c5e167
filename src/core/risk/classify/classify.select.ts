import type { ClassifierModels } from "./classify.load.ts";
import { classifierLanguages } from "./classify.schema.ts";
import { buildClassifierSet, type ClassifierSet } from "./classify.score.ts";

/** The classifier set of each trained language. */
export type LanguageClassifiers = Readonly<Record<"de" | "en", ClassifierSet>>;

/** Groups loaded models by language into sets that share one feature extraction per post. */
export function buildLanguageClassifiers(models: ClassifierModels): LanguageClassifiers {
  const [de, en] = classifierLanguages.map((lang) =>
    buildClassifierSet(
      lang,
      Object.values(models).filter((model) => model.lang === lang),
    ),
  );
  return { de: de as ClassifierSet, en: en as ClassifierSet };
}

/**
 * Picks the classifiers for a post's detected language. Posts in other languages get the English
 * set: English is the lingua franca of the rest of social media, and scoring with both sets (taking
 * the maximum) would double the cost and roughly double the false alarms on text neither set knows.
 */
export function classifiersForLanguage(
  classifiers: LanguageClassifiers,
  lang: "de" | "en" | "other",
): ClassifierSet {
  return lang === "de" ? classifiers.de : classifiers.en;
}
