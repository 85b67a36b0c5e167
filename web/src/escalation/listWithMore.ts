/** The first `shown` names, comma-separated, then "+N more" (worded by `more`) for the rest. */
export function listWithMore(
  names: readonly string[],
  shown: number,
  more: (rest: number) => string,
): string {
  const head = names.slice(0, shown).join(", ");
  const rest = names.length - shown;
  return rest > 0 ? `${head} ${more(rest)}` : head;
}
