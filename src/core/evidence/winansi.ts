// The characters of Windows-1252 above 0x7F that are not Latin-1 (0x80–0x9F), which the PDF
// standard fonts' WinAnsiEncoding holds (PDF 32000-1:2008, Annex D.2).
const winAnsiExtra = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".split(""));

const replacements: Record<string, string> = {
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2212": "-",
  "\u00a0": " ",
  "\u2009": " ",
  "\u202f": " ",
  "\u2032": "'",
  "\u2033": '"',
};

/** The character that stands in for anything WinAnsi cannot encode. */
export const winAnsiPlaceholder = "?";

/** Whether a character can be written with the PDF standard fonts (Helvetica, WinAnsiEncoding). */
export function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x09 || code === 0x0a || code === 0x0d) return false;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xff) return true;
  return winAnsiExtra.has(char);
}

/**
 * Makes text writable with the PDF standard fonts, deterministically: accents are decomposed and
 * dropped when the precomposed letter is missing (ő → o), a few look-alikes mapped (‐ → -), line
 * breaks and tabs become spaces and every other character becomes "?". Returns how many were replaced.
 */
export function toWinAnsi(text: string): { text: string; replaced: number } {
  let out = "";
  let replaced = 0;
  for (const char of text) {
    if (isWinAnsi(char)) {
      out += char;
      continue;
    }
    if (char === "\n" || char === "\r" || char === "\t") {
      out += " ";
      continue;
    }
    const mapped = replacements[char];
    if (mapped !== undefined) {
      out += mapped;
      replaced += 1;
      continue;
    }
    const base = char.normalize("NFD").replace(/\p{M}/gu, "");
    if (base !== "" && base !== char && [...base].every(isWinAnsi)) out += base;
    else out += winAnsiPlaceholder;
    replaced += 1;
  }
  return { text: out, replaced };
}
