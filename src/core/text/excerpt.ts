/** The first characters of a post, on one line (alert titles, inbox subjects, takeover signals). */
export function excerpt(text: string, max = 120): string {
  const line = text.replace(/\s+/gu, " ").trim();
  if (line.length <= max) return line;
  // Cut between code points, never inside a surrogate pair.
  const cut = [...line.slice(0, max)];
  if (cut.length > 0 && /[\uD800-\uDBFF]$/u.test(cut[cut.length - 1] ?? "")) cut.pop();
  return `${cut.join("").trimEnd()}…`;
}
