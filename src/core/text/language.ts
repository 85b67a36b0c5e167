import { tokenize } from "./tokens.ts";

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
const germanInfixes = ["sch", "ei", "tz", "ah", "eh", "oh", "uh", "pf", "z"];
const englishSuffixes = ["ing", "ly", "ness", "ed", "ould"];
const englishInfixes = ["th", "wh", "ou", "ee", "oo", "ea", "ght", "ay", "ck"];
const urls = /\b(?:https?:\/\/|www\.)\S+/giu;
const germanLetters = /[äöüßÄÖÜẞ]/u;
const latinLetter = /\p{Script=Latin}/u;

/**
 * Guesses whether a short post is German, English or something else, from function words and letter
 * patterns; `scripts/eval-language.ts` measures it on GermEval 2018 and TweetEval tweets.
 */
export function detectLanguage(text: string): DetectedLanguage {
  // Links and handles are no language: "https", "t", "co" and user names would only add noise.
  const withoutLinks = text.replace(urls, " ");
  const words = tokenize(withoutLinks).filter((token) => token.prefix !== "@");
  let german = 0;
  let english = 0;
  let other = 0;
  let latinWords = 0;
  for (const word of words) {
    const original = withoutLinks.slice(word.start, word.end);
    if (!latinLetter.test(original)) continue;
    latinWords += 1;
    if (word.prefix === "#") continue;
    if (germanWords.has(word.text)) german += 1;
    if (englishWords.has(word.text)) english += 1;
    if (otherLanguageWords.has(word.text)) other += 1;
    if (germanLetters.test(original)) german += 1;
    // Letter patterns only tip the balance where function words are missing, hence their small weights.
    if (germanSuffixes.some((suffix) => word.text.endsWith(suffix))) german += 0.5;
    if (word.text.length > 4 && englishSuffixes.some((suffix) => word.text.endsWith(suffix))) english += 0.5;
    german += 0.25 * germanInfixes.filter((infix) => word.text.includes(infix)).length;
    english += 0.25 * englishInfixes.filter((infix) => word.text.includes(infix)).length;
  }
  if (latinWords * 2 < words.length) return "other";
  const best = Math.max(german, english);
  if (best === 0 || other > best) return "other";
  return german >= english ? "de" : "en";
}
