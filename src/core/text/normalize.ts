const germanUmlauts: Readonly<Record<string, string>> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };

// Letters with a stroke or ligature have no NFKD decomposition, yet users type them without it
// ("Lodz" for "Łódź"), so they get an explicit base letter.
const undecomposableLetters: Readonly<Record<string, string>> = {
  ł: "l",
  đ: "d",
  ø: "o",
  ħ: "h",
  ı: "i",
  æ: "ae",
  œ: "oe",
};

const combiningMarks = /\p{M}+/gu;

/**
 * Folds text for matching: NFKC, lowercase, German umlauts spelled out (ä→ae, ö→oe, ü→ue, ß/ẞ→ss),
 * then all other diacritics removed, so "Müller", "Mueller" and "MÜLLER" become "mueller".
 */
export function foldText(text: string): string {
  // Lowercasing turns ẞ into ß and Ä into ä, so one lowercase table covers both cases.
  const lowered = text.normalize("NFKC").toLowerCase();
  // The umlaut fold must run before diacritics are stripped: stripping first would turn "Müller" into
  // "muller" while "Mueller" stays "mueller", and the two German spellings would no longer meet.
  const umlautsSpelledOut = lowered.replace(/[äöüß]/g, (letter) => germanUmlauts[letter] ?? letter);
  const withoutMarks = umlautsSpelledOut.normalize("NFKD").replace(combiningMarks, "");
  const baseLetters = withoutMarks.replace(/[łđøħıæœ]/g, (letter) => undecomposableLetters[letter] ?? letter);
  return baseLetters.normalize("NFC");
}
