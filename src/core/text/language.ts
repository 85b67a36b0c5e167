import { foldWord, scanWords } from "./tokens.ts";

/** The languages the analysis distinguishes; everything else is `other`. */
export type DetectedLanguage = "de" | "en" | "other";

// Function words in folded form (ä→ae, ß→ss). Words that are frequent in both German and English
// ("in", "was", "so", "will", "man", "also", "die", "war") are left out: they are no evidence.
const germanWords = new Set(
  `der das und ist nicht ich sie es ein eine einen einem einer eines zu den dem des mit sich auf fuer von im
  auch aus wie noch nur wir wird bei aber oder wenn dann schon mal doch kein keine keinen keiner hat haben
  habe hast hatte hatten sind bin bist seid nach ueber vor wer uns euch ihr ihre ihren ihrem mein meine
  meinen dein deine sein seine seinen diese dieser dieses diesem jetzt immer mehr gibt werden wurde wurden
  worden kann koennen muss muessen soll sollte sollten durch gegen ohne bis ja nein sehr alle allen heute
  gut zum zur vom beim dass weil eben halt endlich ganz wieder ob sagt sagen nichts etwas viel viele
  selbst jeder jede sondern denn waere bitte danke leute warum weiss geht macht machen damit dabei
  davon deshalb trotzdem gerade einfach wirklich natuerlich genau unsere unser euer wo wann hier oben
  unten du nix nich nen mich wegen waehrend zwischen seit unter neben hinter sowie kommt kommen gehen andere anderen
  sehen sieht dich mich mir dir ihm ihn ihnen denen deren dort nun`.split(/\s+/u),
);

const englishWords = new Set(
  `the and is to of that it you for on with this are be have not but they he she we my your what just all
  like do don doesn didn isn wasn aren can if at me about how who people get his her would there their
  them from by or as one out up more our than only when why know because been has had being these those
  should could really think even want make good time did does going got never always still any some much
  very now new said see its thats dont cant doesnt didnt wont youre theyre ive shit fuck lol gonna
  wanna yes yeah where which while after before over into through back then well way were him
  let i us go please love hope help great first fake free thank thanks stop lmao omg wtf stfu u ur`.split(
    /\s+/u,
  ),
);

// Frequent function words of other European languages, so that French or Spanish posts land in `other`
// instead of in whichever of German or English shares a letter pattern with them.
const otherLanguageWords = new Set(
  `le les et est une des pas que qui pour dans avec sur nous vous ce cette mais tres el los las es una por
  para con lo del al pero muy como esta che di non sono gli het een van niet zijn wat maar ook ik je ve
  bir bu icin ile os nao uma voce`.split(/\s+/u),
);

const germanSuffixes = ["en", "ung", "keit", "heit", "lich", "isch", "chen", "schaft", "ieren"];
const englishSuffixes = ["ing", "ly", "ness", "ed", "ould"];
const urls = /\b(?:https?:\/\/|www\.)\S+/giu;
const wwwDot = /www\./i;
const germanLetters = /[äöüßÄÖÜẞ]/u;
const latinLetter = /\p{Script=Latin}/u;

/**
 * Guesses whether a short post is German, English or something else, from function words and letter
 * patterns; `scripts/eval-language.ts` measures it on GermEval 2018 and TweetEval tweets.
 */
export function detectLanguage(text: string): DetectedLanguage {
  // Links and handles are no language: "https", "t", "co" and user names would only add noise.
  // (The pattern is run only where a link can be: it scanned every post and cost more than the words.)
  const withoutLinks = text.includes("://") || wwwDot.test(text) ? text.replace(urls, " ") : text;
  let german = 0;
  let english = 0;
  let other = 0;
  let latinWords = 0;
  let words = 0;
  scanWords(withoutLinks, (start, end, prefix) => {
    if (prefix === "@") return;
    words += 1;
    const evidence = evidenceAt(withoutLinks, start, end);
    if ((evidence & LATIN) === 0) return;
    latinWords += 1;
    if (prefix === "#") return;
    // Quarters of a point, so the sums are exact whatever order the words come in.
    german += (evidence & 0xff) / 4;
    english += ((evidence >>> 8) & 0xff) / 4;
    other += (evidence >>> 16) & 0xff;
  });
  if (latinWords * 2 < words) return "other";
  const best = Math.max(german, english);
  if (best === 0 || other > best) return "other";
  return german >= english ? "de" : "en";
}

const LATIN = 1 << 24;
const EVIDENCE_CACHE_LIMIT = 16_384;
const evidenceSlots = EVIDENCE_CACHE_LIMIT * 2;
// Memoised evidence of words as written, as recurring words are (the same words come in post after
// post): open addressing looked up by a range of the post, so a known word needs no substring.
let cachedWords: Array<string | undefined> = new Array(evidenceSlots).fill(undefined);
const cachedEvidence = new Int32Array(evidenceSlots);
let cachedCount = 0;

/** `evidenceOf(text.slice(start, end))`, memoised. */
function evidenceAt(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  const length = end - start;
  const mask = evidenceSlots - 1;
  let slot = hash & mask;
  for (let word = cachedWords[slot]; word !== undefined; word = cachedWords[slot]) {
    if (word.length === length && sameUnits(word, text, start)) return cachedEvidence[slot] ?? 0;
    slot = (slot + 1) & mask;
  }
  const word = text.slice(start, end);
  const evidence = evidenceOf(word);
  if (cachedCount >= EVIDENCE_CACHE_LIMIT) {
    cachedWords = new Array(evidenceSlots).fill(undefined);
    cachedCount = 0;
    slot = hash & mask;
  }
  cachedWords[slot] = word;
  cachedEvidence[slot] = evidence;
  cachedCount++;
  return evidence;
}

function sameUnits(word: string, text: string, start: number): boolean {
  for (let index = 0; index < word.length; index++) {
    if (word.charCodeAt(index) !== text.charCodeAt(start + index)) return false;
  }
  return true;
}

/**
 * What one word as written says: German and English points in quarters (bits 0–7 and 8–15), other
 * languages' function words (bits 16–23) and whether it holds a Latin letter (`LATIN`).
 */
function evidenceOf(original: string): number {
  let evidence = 0;
  if (hasLatinLetter(original)) {
    const word = foldWord(original);
    let german = 0;
    let english = 0;
    if (germanWords.has(word)) german += 4;
    if (englishWords.has(word)) english += 4;
    if (otherLanguageWords.has(word)) evidence |= 1 << 16;
    if (hasGermanLetter(original)) german += 4;
    // Letter patterns only tip the balance where function words are missing, hence their small weights.
    if (endsWithAny(word, germanSuffixes)) german += 2;
    if (word.length > 4 && endsWithAny(word, englishSuffixes)) english += 2;
    const infixes = infixCounts(word);
    german += infixes.german;
    english += infixes.english;
    evidence |= LATIN | Math.min(german, 0xff) | (Math.min(english, 0xff) << 8);
  }
  return evidence;
}

// The checks below give what the regular expressions above give, without running them on ASCII words.
function hasLatinLetter(word: string): boolean {
  for (let index = 0; index < word.length; index += 1) {
    const code = word.charCodeAt(index);
    if (code >= 0x80) return latinLetter.test(word);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return true;
  }
  return false;
}

function hasGermanLetter(word: string): boolean {
  for (let index = 0; index < word.length; index += 1) {
    if (word.charCodeAt(index) >= 0x80) return germanLetters.test(word);
  }
  return false;
}

function endsWithAny(word: string, suffixes: readonly string[]): boolean {
  for (const suffix of suffixes) if (word.endsWith(suffix)) return true;
  return false;
}

const infix = {
  sch: 1 << 0,
  ei: 1 << 1,
  tz: 1 << 2,
  ah: 1 << 3,
  eh: 1 << 4,
  oh: 1 << 5,
  uh: 1 << 6,
  pf: 1 << 7,
  z: 1 << 8,
  th: 1 << 9,
  wh: 1 << 10,
  ou: 1 << 11,
  ee: 1 << 12,
  oo: 1 << 13,
  ea: 1 << 14,
  ght: 1 << 15,
  ay: 1 << 16,
  ck: 1 << 17,
} as const;
const germanInfixBits = 0x1ff;

/**
 * How many of the letter patterns of each language a folded word contains, each pattern once however
 * often it occurs — German "sch", "ei", "tz", "ah", "eh", "oh", "uh", "pf", "z"; English "th", "wh", "ou",
 * "ee", "oo", "ea", "ght", "ay", "ck" — found in one pass over the word.
 */
export function infixCounts(word: string): { german: number; english: number } {
  const infixes = infixesIn(word);
  return { german: bitCount(infixes & germanInfixBits), english: bitCount(infixes >>> 9) };
}

/** The infixes of `infixCounts` a word contains, as bits of `infix` (German bits 0–8, English 9–17). */
function infixesIn(word: string): number {
  let found = 0;
  let next = word.charCodeAt(0);
  for (let index = 0; index < word.length; index += 1) {
    const code = next;
    next = word.charCodeAt(index + 1); // NaN past the end, which equals nothing
    switch (code) {
      case 0x73: // s
        if (next === 0x63 && word.charCodeAt(index + 2) === 0x68) found |= infix.sch;
        break;
      case 0x65: // e
        if (next === 0x69) found |= infix.ei;
        else if (next === 0x68) found |= infix.eh;
        else if (next === 0x65) found |= infix.ee;
        else if (next === 0x61) found |= infix.ea;
        break;
      case 0x74: // t
        if (next === 0x7a) found |= infix.tz;
        else if (next === 0x68) found |= infix.th;
        break;
      case 0x61: // a
        if (next === 0x68) found |= infix.ah;
        else if (next === 0x79) found |= infix.ay;
        break;
      case 0x6f: // o
        if (next === 0x68) found |= infix.oh;
        else if (next === 0x75) found |= infix.ou;
        else if (next === 0x6f) found |= infix.oo;
        break;
      case 0x75: // u
        if (next === 0x68) found |= infix.uh;
        break;
      case 0x70: // p
        if (next === 0x66) found |= infix.pf;
        break;
      case 0x7a: // z
        found |= infix.z;
        break;
      case 0x77: // w
        if (next === 0x68) found |= infix.wh;
        break;
      case 0x67: // g
        if (next === 0x68 && word.charCodeAt(index + 2) === 0x74) found |= infix.ght;
        break;
      case 0x63: // c
        if (next === 0x6b) found |= infix.ck;
        break;
    }
  }
  return found;
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
