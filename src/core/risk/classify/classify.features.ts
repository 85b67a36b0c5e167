import { foldText } from "../../text/normalize.ts";

/** How a text becomes a hashed feature vector; stored with every model so training and scoring agree. */
export interface FeatureConfig {
  /** log2 of the number of hash buckets. */
  hashBits: number;
  /** Shortest and longest character n-gram (on the normalised text, spaces included). */
  charMin: number;
  charMax: number;
  /** Whether word bigrams are hashed besides word unigrams. */
  wordBigrams: boolean;
  /** Seed of every hash; a different seed gives a different (incompatible) feature space. */
  seed: number;
  /**
   * A polarity word list (German: `polarity-de`): each listed word adds one of four polarity features
   * (negative, strongly negative, positive, strongly positive), flipped within three words after a negator.
   * Part of the feature space: models trained with it must be scored with it.
   */
  polarity?: PolarityLexicon;
  /**
   * A word-embedding vocabulary (English: `embedding-en`): extraction records each word's row in it, and
   * each linear model adds the mean of its per-word scores over the post's words that have one.
   */
  embedding?: EmbeddingVocabulary;
}

/**
 * A word-embedding vocabulary resolved for extraction: the full 32-bit hash of each folded word (as
 * `wordHash` computes it) mapped to its row (the index of its score in each model's word scores).
 */
export interface EmbeddingVocabulary {
  /** The file it was read from (`embedding-en` for `models/embedding-en.json`) and the digest of its words. */
  readonly name: string;
  readonly digest: string;
  readonly rowOf: ReadonlyMap<number, number>;
  /** Number of rows (words). */
  readonly size: number;
}

/** The polarity classes of a `PolarityLexicon`, in their numeric order. */
export const polarityClasses = ["negative", "strongly negative", "positive", "strongly positive"] as const;
/** The class a negator ("nicht", "kein") has in `PolarityLexicon.classOf`. */
export const negatorClass = 4;
/** How many words after a negator have their polarity flipped. */
export const negationReach = 3;

/**
 * A polarity word list resolved for extraction: the full 32-bit hash of each folded word form (as
 * `wordHash` computes it) mapped to its class (index into `polarityClasses`, or `negatorClass`).
 */
export interface PolarityLexicon {
  /** The file it was read from (`polarity-de` for `models/polarity-de.json`) and the digest of its words. */
  readonly name: string;
  readonly digest: string;
  /** What a polarity feature weighs against an n-gram seen as often (before L2 normalisation). */
  readonly weight: number;
  readonly classOf: ReadonlyMap<number, number>;
}

/** The feature space every model of this repository uses, so one extraction serves all classifiers. */
export const defaultFeatureConfig: FeatureConfig = {
  hashBits: 18,
  charMin: 2,
  charMax: 5,
  wordBigrams: true,
  seed: 0x5eed,
};

/** Placeholder code units for an @mention, a URL and a number (Unicode private use area). */
export const mentionMark = 0xe000;
export const urlMark = 0xe001;
const digitMark = 0x30; // "0": every number becomes a single "0"

const fnvPrime = 16777619;
const wordSeedSalt = 0x9e3779b9;
const bigramSalt = 0x85ebca6b;
const polaritySalt = 0x4f1bbcdd;

// Sublinear term frequency 1 + ln(count), precomputed for small counts (tweets rarely repeat more).
const logTable = Float32Array.from({ length: 64 }, (_, count) => (count === 0 ? 0 : 1 + Math.log(count)));

/**
 * The reusable scratch memory of feature extraction: one per feature space. Extraction writes into it
 * and the returned view is valid until the next call, so the hot path allocates nothing per post.
 */
export interface FeatureExtractor {
  readonly config: FeatureConfig;
  readonly mask: number;
  /** Normalised text as code units, with a leading and trailing space. */
  buffer: Uint16Array;
  length: number;
  /**
   * Where each bucket of the current text sits in `touched`, as an open-addressing table of
   * (epoch, bucket, index) triples sized to the text: a post touches a few hundred of the 2^18
   * buckets, and a table that fits the CPU cache is much faster than two arrays of 1 MB each.
   */
  table: Int32Array;
  /** Slots of `table` minus one (a power of two minus one). */
  tableMask: number;
  epoch: number;
  /** Buckets touched by the current text, in first-seen order. */
  touched: Int32Array;
  /** The signed occurrence count of each touched bucket (same order as `touched`). */
  counts: Int32Array;
  touchedCount: number;
  /** Feature values of the touched buckets (sublinear tf, signed, L2-normalised). */
  values: Float32Array;
  /** Euclidean norm before normalisation (0 for a text without features). */
  norm: number;
  /** The folded text the buffer was normalised from (`sourceStart`/`sourceEnd` index into it). */
  folded: string;
  /** Whether `folded` is the text lowercased code unit for code unit (pure ASCII input). */
  foldedInPlace: boolean;
  sourceStart: Int32Array;
  sourceEnd: Int32Array;
  /**
   * What explanations read, recorded while hashing so they need no second pass: the `touched` index
   * of every character n-gram occurrence, in the order extraction generates them (start position by
   * start position, shortest first), and per word `wordStride` values (see `wordField`).
   */
  gramTouched: Int32Array;
  gramCount: number;
  words: Int32Array;
  wordCount: number;
  /** `touched` index of each polarity class's feature in the current text (-1 where absent). */
  polarityTouched: Int32Array;
  /** Words of the current text that have a row in the space's embedding vocabulary (0 without one). */
  embeddedCount: number;
}

/** Values recorded per word in `FeatureExtractor.words` (offsets within a word's record). */
export const wordField = {
  /** First and one-past-last unit of the word in the normalised buffer. */
  start: 0,
  end: 1,
  /** `touched` index of the word's unigram, and of the bigram with the word before (-1 if none). */
  unigram: 2,
  bigram: 3,
  /** Full 32-bit hashes of both (the bigram's 0 if none), for exact lexicon look-ups. */
  unigramHash: 4,
  bigramHash: 5,
  /** `touched` index of the polarity feature the word added (-1 if none). */
  polarity: 6,
  /** Row of the word in the embedding vocabulary (-1 if none). */
  embedding: 7,
} as const;
export const wordStride = 8;

const INITIAL_SLOTS = 2048;
// Scratch arrays beyond this many entries are given back once a much shorter text comes.
const LARGE_SCRATCH = 1 << 18;

/** Creates the scratch memory for one feature space. */
export function createFeatureExtractor(config: FeatureConfig): FeatureExtractor {
  const size = 1 << config.hashBits;
  return {
    config,
    mask: size - 1,
    buffer: new Uint16Array(512),
    length: 0,
    table: new Int32Array(3 * INITIAL_SLOTS),
    tableMask: INITIAL_SLOTS - 1,
    epoch: 0,
    touched: new Int32Array(1024),
    counts: new Int32Array(1024),
    touchedCount: 0,
    values: new Float32Array(1024),
    norm: 0,
    folded: "",
    foldedInPlace: true,
    sourceStart: new Int32Array(512),
    sourceEnd: new Int32Array(512),
    gramTouched: new Int32Array(2048),
    gramCount: 0,
    words: new Int32Array(128 * wordStride),
    wordCount: 0,
    polarityTouched: new Int32Array(polarityClasses.length).fill(-1),
    embeddedCount: 0,
  };
}

/** Folds text like `foldText`, with a shortcut for pure ASCII (where folding is only lowercasing). */
export function foldForFeatures(text: string): string {
  return isAscii(text) ? text.toLowerCase() : foldText(text);
}

/**
 * Turns text into the extractor's sparse vector: folded, mentions/URLs/numbers replaced by marks,
 * zero-width characters dropped, runs of one character capped at two; then hashed character
 * n-grams plus word unigrams and bigrams, sublinear tf, signed hashing, L2-normalised.
 */
export function extractFeatures(extractor: FeatureExtractor, text: string): FeatureExtractor {
  const ascii = isAscii(text);
  return extractFolded(extractor, ascii ? text.toLowerCase() : foldText(text), ascii);
}

/** `extractFeatures` of text that is already folded (`inPlace`: folded unit for unit from ASCII). */
export function extractFolded(
  extractor: FeatureExtractor,
  folded: string,
  inPlace: boolean,
): FeatureExtractor {
  // After an outsized text (the API takes up to a megabyte), an ordinary one gives the memory back.
  if (extractor.gramTouched.length > LARGE_SCRATCH && folded.length * 16 < extractor.gramTouched.length) {
    Object.assign(extractor, createFeatureExtractor(extractor.config), { epoch: extractor.epoch });
  }
  extractor.folded = folded;
  extractor.foldedInPlace = inPlace;
  normaliseInto(extractor, folded);
  hashNormalised(extractor);
  return extractor;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * A growable code-unit buffer that normalisation writes into, with where each unit came from in the
 * folded text: `[sourceStart, sourceEnd)` (a mention, URL or number mark spans its whole run, a letter
 * whose repeats were dropped spans them too; the spaces around the text span nothing).
 */
export interface UnitBuffer {
  buffer: Uint16Array;
  length: number;
  sourceStart: Int32Array;
  sourceEnd: Int32Array;
}

/** A scratch unit buffer of a given capacity (normalisation grows it as needed). */
export function createUnitBuffer(capacity: number): UnitBuffer {
  return {
    buffer: new Uint16Array(capacity),
    length: 0,
    sourceStart: new Int32Array(capacity),
    sourceEnd: new Int32Array(capacity),
  };
}

/** Writes the normalised code units of already folded text into a buffer. */
export function normaliseInto(extractor: UnitBuffer, folded: string): void {
  if (extractor.buffer.length < folded.length + 2) {
    extractor.buffer = new Uint16Array(folded.length * 2 + 2);
    extractor.sourceStart = new Int32Array(folded.length * 2 + 2);
    extractor.sourceEnd = new Int32Array(folded.length * 2 + 2);
  }
  const out = extractor.buffer;
  const starts = extractor.sourceStart;
  const ends = extractor.sourceEnd;
  let length = 0;
  starts[0] = 0;
  ends[0] = 0;
  out[length++] = 0x20;
  let i = 0;
  const end = folded.length;
  while (i < end) {
    const c = folded.charCodeAt(i);
    const previous = out[length - 1] ?? 0x20;
    if (
      c === 0x40 /* @ */ &&
      !isWordUnit(previous) &&
      i + 1 < end &&
      isHandleUnit(folded.charCodeAt(i + 1))
    ) {
      starts[length] = i;
      i++;
      while (i < end && isHandleUnit(folded.charCodeAt(i))) i++;
      ends[length] = i;
      out[length++] = mentionMark;
      continue;
    }
    if ((c === 0x68 /* h */ || c === 0x77) /* w */ && !isWordUnit(previous) && startsUrl(folded, i)) {
      starts[length] = i;
      while (i < end && !isSpaceUnit(folded.charCodeAt(i))) i++;
      ends[length] = i;
      out[length++] = urlMark;
      continue;
    }
    if (c >= 0x30 && c <= 0x39) {
      starts[length] = i;
      i++;
      // "1.500,00" and "24/7" stay one number, so amounts and dates do not each become features.
      while (i < end) {
        const next = folded.charCodeAt(i);
        if (next >= 0x30 && next <= 0x39) i++;
        else if ((next === 0x2e || next === 0x2c) && i + 1 < end && isDigit(folded.charCodeAt(i + 1))) i += 2;
        else break;
      }
      ends[length] = i;
      out[length++] = digitMark;
      continue;
    }
    i++;
    if (isZeroWidth(c)) continue;
    if (isSpaceUnit(c)) {
      if (previous !== 0x20) {
        starts[length] = i - 1;
        ends[length] = i;
        out[length++] = 0x20;
      }
      continue;
    }
    // "sooooo" and "!!!!!" become "soo" and "!!": the exact length of a stretch carries little.
    if (c === previous && length >= 2 && out[length - 2] === c) {
      ends[length - 1] = i;
      continue;
    }
    starts[length] = i - 1;
    ends[length] = i;
    out[length++] = c;
  }
  if (out[length - 1] !== 0x20) {
    starts[length] = end;
    ends[length] = end;
    out[length++] = 0x20;
  }
  extractor.length = length;
}

/** Hashes the normalised buffer into the sparse vector (counts, touched, values, word hashes). */
export function hashNormalised(extractor: FeatureExtractor): void {
  const { buffer, length, mask, config } = extractor;
  let epoch = extractor.epoch + 1;
  if (epoch > 0x7ffffff0) {
    extractor.table.fill(0);
    epoch = 1;
  }
  extractor.epoch = epoch;
  extractor.touchedCount = 0;
  extractor.wordCount = 0;
  extractor.embeddedCount = 0;
  const seed = config.seed | 0;
  const charMin = config.charMin;
  const charMax = config.charMax;

  // Character n-grams: one FNV-1a state per start position, extended one code unit at a time. The
  // counting (`addHash`) is written out here, on local copies of the scratch arrays: this loop runs for
  // every n-gram of every post and is the largest single cost of scoring.
  const gramsAtMost = length * Math.max(0, charMax - charMin + 1);
  if (extractor.gramTouched.length < gramsAtMost) extractor.gramTouched = new Int32Array(gramsAtMost + 1024);
  // Room for every feature the text can have (each n-gram, each word's unigram and bigram, the polarity
  // classes; never more than there are buckets), so `touched` and `counts` never grow while it is counted.
  const featuresAtMost = Math.min(gramsAtMost + length + polarityClasses.length + 1, mask + 1);
  if (extractor.touched.length < featuresAtMost) {
    extractor.touched = new Int32Array(featuresAtMost);
    extractor.counts = new Int32Array(featuresAtMost);
  }
  // The bucket table at most half full even if every n-gram were distinct (probes stay short).
  while (extractor.tableMask + 1 < Math.min(gramsAtMost, mask + 1) * 2) growTable(extractor, epoch);
  const gramTouched = extractor.gramTouched;
  const touched = extractor.touched;
  const counts = extractor.counts;
  const table = extractor.table;
  const tableMask = extractor.tableMask;
  let touchedCount = 0;
  let gramCount = 0;
  for (let start = 0; start + charMin <= length; start++) {
    let hash = seed ^ 0x811c9dc5;
    const last = Math.min(length, start + charMax);
    for (let j = start; j < last; j++) {
      hash = Math.imul(hash ^ (buffer[j] as number), fnvPrime);
      if (j - start + 1 < charMin) continue;
      // `finalise`, written out as well.
      let feature = hash ^ (j - start);
      feature ^= feature >>> 16;
      feature = Math.imul(feature, 0x85ebca6b);
      feature ^= feature >>> 13;
      feature = Math.imul(feature, 0xc2b2ae35);
      feature ^= feature >>> 16;
      const bucket = feature & mask;
      const sign = feature < 0 ? -1 : 1;
      let slot = bucket & tableMask;
      let index: number;
      for (;;) {
        const at = slot * 3;
        if (table[at] !== epoch) {
          index = touchedCount++;
          table[at] = epoch;
          table[at + 1] = bucket;
          table[at + 2] = index;
          touched[index] = bucket;
          counts[index] = sign;
          break;
        }
        if (table[at + 1] === bucket) {
          index = table[at + 2] as number;
          counts[index] = (counts[index] as number) + sign;
          break;
        }
        slot = (slot + 1) & tableMask;
      }
      gramTouched[gramCount++] = index;
    }
  }
  extractor.touchedCount = touchedCount;
  extractor.gramCount = gramCount;

  // Words: runs of word units; each unigram, and each pair of neighbours as a bigram.
  const wordSeed = (seed ^ wordSeedSalt) | 0;
  const polarity = config.polarity;
  const embedding = config.embedding;
  // Polarity is flipped for words up to this word index (a negator reaches `negationReach` words on).
  let negatedThrough = -1;
  const polarityTouched = extractor.polarityTouched;
  polarityTouched.fill(-1);
  let previousWord = 0;
  let havePrevious = false;
  let i = 0;
  while (i < length) {
    const c = buffer[i] ?? 0x20;
    if (!isWordUnit(c)) {
      i++;
      continue;
    }
    const wordStart = i;
    let hash = wordSeed;
    while (i < length && isWordUnit(buffer[i] ?? 0x20)) {
      hash = Math.imul(hash ^ (buffer[i] ?? 0), fnvPrime);
      i++;
    }
    const word = finalise(hash);
    const unigram = addHash(extractor, word, mask, epoch);
    let bigram = 0;
    let bigramIndex = -1;
    if (config.wordBigrams && havePrevious) {
      bigram = bigramHash(previousWord, word);
      bigramIndex = addHash(extractor, bigram, mask, epoch);
    }
    let polarityIndex = -1;
    if (polarity !== undefined) {
      const found = polarity.classOf.get(word);
      if (found === negatorClass) negatedThrough = extractor.wordCount + negationReach;
      else if (found !== undefined) {
        // Negated: negative ↔ positive, strength kept ("nicht gut" reads as negative).
        const flipped = extractor.wordCount <= negatedThrough ? found ^ 2 : found;
        polarityIndex = addHash(extractor, polarityHash(seed, flipped), mask, epoch);
        polarityTouched[flipped] = polarityIndex;
      }
    }
    let row = -1;
    if (embedding !== undefined) {
      row = embedding.rowOf.get(word) ?? -1;
      if (row >= 0) extractor.embeddedCount++;
    }
    recordWord(extractor, wordStart, i, unigram, bigramIndex, word, bigram, polarityIndex, row);
    previousWord = word;
    havePrevious = true;
  }

  // Values: sublinear tf with the hash's sign, then L2 normalisation.
  const count = extractor.touchedCount;
  if (extractor.values.length < count) extractor.values = new Float32Array(touched.length);
  const values = extractor.values;
  let sumSquares = 0;
  for (let k = 0; k < count; k++) {
    const n = counts[k] ?? 0;
    const magnitude = n < 0 ? -n : n;
    const tf = magnitude < 64 ? (logTable[magnitude] ?? 0) : 1 + Math.log(magnitude);
    const value = n < 0 ? -tf : tf;
    values[k] = value;
    sumSquares += value * value;
  }
  if (polarity !== undefined) {
    // A polarity class stands for many words: its feature weighs `weight` times an n-gram of equal count.
    const weight = polarity.weight;
    for (let c = 0; c < polarityTouched.length; c++) {
      const index = polarityTouched[c] ?? -1;
      if (index < 0) continue;
      const value = values[index] ?? 0;
      sumSquares += value * value * (weight * weight - 1);
      values[index] = value * weight;
    }
  }
  const norm = Math.sqrt(sumSquares);
  extractor.norm = norm;
  if (norm > 0) {
    const inverse = 1 / norm;
    for (let k = 0; k < count; k++) values[k] = (values[k] ?? 0) * inverse;
  }
}

/** Hash of a polarity class's feature (one bucket per class and seed). */
export function polarityHash(seed: number, polarityClass: number): number {
  return finalise((seed ^ polaritySalt ^ Math.imul(polarityClass + 1, fnvPrime)) | 0);
}

/** Hash of a word bigram from the hashes of its two words (order matters). */
export function bigramHash(first: number, second: number): number {
  return finalise((first ^ Math.imul(second, bigramSalt) ^ 0x27d4eb2f) | 0);
}

/** Hash of one normalised word, as `extractFeatures` computes it. */
export function wordHash(config: Pick<FeatureConfig, "seed">, word: string): number {
  let hash = (config.seed ^ wordSeedSalt) | 0;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), fnvPrime);
  return finalise(hash);
}

/** Bucket index of a 32-bit feature hash. */
export function bucketOf(hash: number, mask: number): number {
  return hash & mask;
}

/** Sign (+1/-1) of a 32-bit feature hash: the top bit, independent of the bucket bits. */
export function signOf(hash: number): number {
  return hash < 0 ? -1 : 1;
}

/** Counts a feature hash in the extractor's current text; returns its index in `touched`. */
function addHash(extractor: FeatureExtractor, hash: number, mask: number, epoch: number): number {
  const bucket = hash & mask;
  const sign = hash < 0 ? -1 : 1;
  const table = extractor.table;
  const tableMask = extractor.tableMask;
  // Linear probing from the bucket's low bits (already well mixed by the hash).
  let slot = bucket & tableMask;
  for (;;) {
    const at = slot * 3;
    if (table[at] !== epoch) break;
    if (table[at + 1] === bucket) {
      const index = table[at + 2] ?? 0;
      extractor.counts[index] = (extractor.counts[index] ?? 0) + sign;
      return index;
    }
    slot = (slot + 1) & tableMask;
  }
  const at = slot * 3;
  const index = extractor.touchedCount;
  table[at] = epoch;
  table[at + 1] = bucket;
  table[at + 2] = index;
  if (index === extractor.touched.length) {
    const grown = new Int32Array(extractor.touched.length * 2);
    grown.set(extractor.touched);
    extractor.touched = grown;
    const grownCounts = new Int32Array(grown.length);
    grownCounts.set(extractor.counts);
    extractor.counts = grownCounts;
  }
  extractor.touched[index] = bucket;
  extractor.counts[index] = sign;
  extractor.touchedCount = index + 1;
  // Kept at most half full, so probes stay short.
  if (extractor.touchedCount * 2 > tableMask + 1) growTable(extractor, epoch);
  return index;
}

function recordWord(
  extractor: FeatureExtractor,
  start: number,
  end: number,
  unigram: number,
  bigram: number,
  unigramHash: number,
  bigramHash: number,
  polarity: number,
  embedding: number,
): void {
  let words = extractor.words;
  const at = extractor.wordCount * wordStride;
  if (at + wordStride > words.length) {
    const grown = new Int32Array(words.length * 2);
    grown.set(words);
    extractor.words = grown;
    words = grown;
  }
  words[at + wordField.start] = start;
  words[at + wordField.end] = end;
  words[at + wordField.unigram] = unigram;
  words[at + wordField.bigram] = bigram;
  words[at + wordField.unigramHash] = unigramHash;
  words[at + wordField.bigramHash] = bigramHash;
  words[at + wordField.polarity] = polarity;
  words[at + wordField.embedding] = embedding;
  extractor.wordCount++;
}

/** Doubles the bucket table, moving the current text's entries over. */
function growTable(extractor: FeatureExtractor, epoch: number): void {
  const old = extractor.table;
  const oldSlots = extractor.tableMask + 1;
  const slots = oldSlots * 2;
  const table = new Int32Array(3 * slots);
  const tableMask = slots - 1;
  for (let from = 0; from < oldSlots; from++) {
    if (old[from * 3] !== epoch) continue;
    const bucket = old[from * 3 + 1] ?? 0;
    let slot = bucket & tableMask;
    while (table[slot * 3] === epoch) slot = (slot + 1) & tableMask;
    table[slot * 3] = epoch;
    table[slot * 3 + 1] = bucket;
    table[slot * 3 + 2] = old[from * 3 + 2] ?? 0;
  }
  extractor.table = table;
  extractor.tableMask = tableMask;
}

// murmur3's fmix32: spreads every input bit over the bucket bits and the sign bit.
function finalise(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Letters, digits and the placeholder marks; everything else separates words. */
export function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  if (c === mentionMark || c === urlMark) return true;
  // Latin, Greek, Cyrillic, … up to the general punctuation block; CJK and Hangul; not surrogates.
  if (c >= 0xc0 && c < 0x2000) return c !== 0xd7 && c !== 0xf7 && !(c >= 0x300 && c < 0x370);
  return (c >= 0x3040 && c < 0xd800) || (c >= 0xf900 && c < 0xfe00);
}

function isHandleUnit(c: number): boolean {
  return c === 0x5f || isWordUnit(c);
}

function isSpaceUnit(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0x85
  );
}

function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff || c === 0xad || c === 0x34f;
}

function startsUrl(text: string, at: number): boolean {
  return text.startsWith("http://", at) || text.startsWith("https://", at) || text.startsWith("www.", at);
}
