import { confusablesMap } from "confusables";
import { foldText } from "../../text/normalize.ts";

// The `confusables` package (gc/confusables, MIT) is not the UTS #39 `confusables.txt` table: it is a
// curated map of about 3,300 look-alike characters (Cyrillic, Greek, Cherokee, mathematical, fullwidth,
// circled, accented letters …) to the Latin letter or digit they imitate, which is the direction a
// skeleton needs. UTS #39 also merges characters that are confusable among themselves within Latin;
// those few are added here from the UTS #39 table (confusables.txt, Unicode 15.1): 0/o, 1/l/I/i/|,
// and the multi-letter look-alikes rn→m, vv→w, cl→d that typosquatters use.
const latinMerges: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "l",
  i: "l",
  "|": "l",
  "!": "l",
  "5": "s",
  "3": "e",
  "4": "a",
  "7": "t",
  "8": "b",
  "@": "a",
  $: "s",
};
const multiLetter: ReadonlyArray<readonly [string, string]> = [
  ["rn", "m"],
  ["vv", "w"],
  ["cl", "d"],
];

const skeletonCache = new Map<string, string>();
const SKELETON_CACHE_LIMIT = 4096;

/**
 * The skeleton of a name in the sense of UTS #39 §4: two strings with the same skeleton look alike.
 * Case and diacritics are dropped and look-alike characters from other scripts map to Latin, so
 * "Nоrdwіnd" (with Cyrillic о and і), "NORDW1ND" and "nordwind" share the skeleton "nordwlnd".
 */
export function skeleton(name: string): string {
  const cached = skeletonCache.get(name);
  if (cached !== undefined) return cached;
  let mapped = "";
  for (const character of name.normalize("NFKC")) {
    mapped += confusablesMap.get(character) ?? character;
  }
  let folded = "";
  for (const character of foldText(mapped)) folded += latinMerges[character] ?? character;
  for (const [from, to] of multiLetter) folded = folded.replaceAll(from, to);
  if (skeletonCache.size < SKELETON_CACHE_LIMIT) skeletonCache.set(name, folded);
  return folded;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), giving up as soon as
 * it must exceed `limit` (returns `limit + 1`), so comparing a name with a long text stays cheap.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previousPrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}
