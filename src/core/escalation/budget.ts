/**
 * Shares a memory budget among windows of different sizes (one per tracked topic): the largest cap `c` such
 * that every window trimmed to at most `c` entries fits, i.e. Σ min(size, c) ≤ budget. Quiet windows keep
 * everything; only the busiest give up their oldest entries, equally. Returns `Infinity` when all fit.
 */
export function fairShareCap(sizes: readonly number[], budget: number): number {
  let total = 0;
  for (const size of sizes) total += Math.max(0, size);
  if (total <= budget) return Number.POSITIVE_INFINITY;
  const sorted = sizes.map((size) => Math.max(0, size)).sort((a, b) => a - b);
  // Walk up from the smallest: windows below the cap keep all they hold, the rest share what is left.
  let left = Math.max(0, budget);
  for (let i = 0; i < sorted.length; i++) {
    const size = sorted[i] as number;
    const sharers = sorted.length - i;
    const share = Math.floor(left / sharers);
    if (size > share) return share;
    left -= size;
  }
  return Math.floor(left);
}
