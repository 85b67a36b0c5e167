/** The phrases of a text area, one per line, trimmed, without empty lines and repeats (ignoring case). */
export function phrasesFromLines(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r?\n/u)) {
    const phrase = line.trim();
    if (phrase === "" || seen.has(phrase.toLowerCase())) continue;
    seen.add(phrase.toLowerCase());
    out.push(phrase);
  }
  return out;
}
