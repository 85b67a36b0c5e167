import { z } from "zod";

/** Categories that have a learned or lexicon classifier. */
export const classifiedCategories = [
  "toxic",
  "hate",
  "negative",
  "complaint",
  "fact_claim",
  "threat",
] as const;
export type ClassifiedCategory = (typeof classifiedCategories)[number];

/** Languages a classifier is trained for. */
export const classifierLanguages = ["de", "en"] as const;
export type ClassifierLanguage = (typeof classifierLanguages)[number];

/** The name of a word list of the model folder: `polarity-de` for `polarity-de.json`. */
function listName(kind: "polarity" | "embedding") {
  return z.string().regex(new RegExp(`^${kind}-[a-z]{2}$`));
}

/**
 * A word list a feature space names, by file name and digest (`polarityDigest`, `embeddingDigest`): a model
 * trained with another version of the list is refused.
 */
function listReference(kind: "polarity" | "embedding") {
  return z.object({ name: listName(kind), digest: z.string().regex(/^[0-9a-f]{16}$/) });
}

/** The hashing feature space, as stored in a model file. */
export const FeatureConfigSchema = z.object({
  /** log2 of the number of hash buckets. */
  hashBits: z.number().int().min(8).max(24),
  /** Shortest character n-gram. */
  charMin: z.number().int().min(1).max(8),
  /** Longest character n-gram. */
  charMax: z.number().int().min(1).max(8),
  /** Whether word bigrams are hashed. */
  wordBigrams: z.boolean(),
  /** Hash seed. */
  seed: z.number().int(),
  /** The polarity word list the model was trained with (`polarity-de.json` beside the model), if any. */
  polarity: listReference("polarity").optional(),
  /**
   * The word-embedding vocabulary the model was trained with (`embedding-en.json` beside the model), if any:
   * the post's mean word vector is part of the features, and each linear model stores one score per word.
   */
  embedding: listReference("embedding").optional(),
});
export type FeatureConfigFile = z.infer<typeof FeatureConfigSchema>;

/** A polarity word list (`polarity-<lang>.json`): folded word forms per polarity class, and negators. */
export const PolarityFileSchema = z.object({
  format: z.literal(1),
  /** `polarity-<lang>`, the name of the file. */
  name: listName("polarity"),
  lang: z.enum(classifierLanguages),
  /** Where the words and their polarity come from (for the model cards). */
  source: z.string(),
  /** What a polarity feature weighs against a character or word n-gram seen as often. */
  weight: z.number().positive().max(100),
  /** Word forms of each class, folded as the extractor folds text. */
  negative: z.array(z.string().min(1)),
  stronglyNegative: z.array(z.string().min(1)),
  positive: z.array(z.string().min(1)),
  stronglyPositive: z.array(z.string().min(1)),
  /** Words that flip the polarity of the next three words ("nicht", "kein"). */
  negators: z.array(z.string().min(1)),
});
export type PolarityFile = z.infer<typeof PolarityFileSchema>;

/**
 * A word-embedding vocabulary (`embedding-<lang>.json`): the words whose vectors the models were trained on.
 * The vectors stay at training: a linear model's weights on the post's mean vector reduce to one score per
 * word (its vector times those weights), stored with the model, so scoring adds up words, not vectors.
 */
export const EmbeddingFileSchema = z.object({
  format: z.literal(1),
  /** `embedding-<lang>`, the name of the file. */
  name: listName("embedding"),
  lang: z.enum(classifierLanguages),
  /** Where the vectors come from (for the model cards). */
  source: z.string(),
  /** Dimensions of the vectors the models were trained on. */
  dimensions: z.number().int().positive(),
  /** What the mean vector was multiplied by beside the L2-normalised n-gram features. */
  weight: z.number().positive().max(100),
  /** Word forms, folded as the extractor folds text; row r of a model's word scores is `words[r]`. */
  words: z.array(z.string().min(1)).min(1),
});
export type EmbeddingFile = z.infer<typeof EmbeddingFileSchema>;

/** Platt scaling of the raw logit: probability = sigmoid(slope · logit + intercept). */
export const CalibrationSchema = z.object({
  /** Multiplies the raw logit. */
  slope: z.number(),
  /** Added after the slope. */
  intercept: z.number(),
});

/** Dev-split figures of the positive class and both classes, at the operating threshold. */
export const DevMetricsSchema = z.object({
  /** Number of dev examples. */
  size: z.number().int(),
  /** Number of positive dev examples. */
  positives: z.number().int(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  /** Mean of the F1 of both classes (the shared-task measure). */
  macroF1: z.number(),
  /** Area under the ROC curve (threshold-free). */
  auc: z.number(),
});

const commonFields = {
  /** File format version. */
  format: z.literal(1),
  /** `<category>-<lang>`, the name of the model file. */
  name: z.string(),
  category: z.enum(classifiedCategories),
  lang: z.enum(classifierLanguages),
  features: FeatureConfigSchema,
  /** Added to the raw logit. */
  bias: z.number(),
  calibration: CalibrationSchema,
  /** Operating threshold on the calibrated probability, chosen on the dev split. */
  threshold: z.number().min(0).max(1),
  /** Free-form training record (data, sizes, hyperparameters, dev metrics) for the model card. */
  metadata: z.record(z.string(), z.unknown()),
};

/** A hashed linear model: weights in `<name>.bin` as int8, times `weightScale`. */
export const LinearModelFileSchema = z.object({
  ...commonFields,
  kind: z.literal("linear"),
  /** Real weight = int8 weight × weightScale. */
  weightScale: z.number().positive(),
  /**
   * Binary file beside the JSON file: 2^hashBits int8 weights, then (with an embedding vocabulary) one int8
   * score per vocabulary word.
   */
  weightsFile: z.string(),
  /** Real word score = int8 score × wordScoreScale; present exactly when the space has an embedding vocabulary. */
  wordScoreScale: z.number().positive().optional(),
});
export type LinearModelFile = z.infer<typeof LinearModelFileSchema>;

/** A transparent lexicon model: each word or two-word phrase adds its weight to the logit. */
export const LexiconModelFileSchema = z.object({
  ...commonFields,
  kind: z.literal("lexicon"),
  /** Folded words or two-word phrases and their logit weights. */
  terms: z.array(z.tuple([z.string().min(1), z.number()])),
});
export type LexiconModelFile = z.infer<typeof LexiconModelFileSchema>;

/** Either model file. */
export const ModelFileSchema = z.discriminatedUnion("kind", [LinearModelFileSchema, LexiconModelFileSchema]);
export type ModelFile = z.infer<typeof ModelFileSchema>;
