/** A source of numbers in [0, 1) that is the same for the same key. */
export type Random = () => number;

/**
 * A deterministic random source keyed on a seed and a path (`seed, "stream", "chatter", 17`):
 * FNV-1a hashes the key, mulberry32 draws from it. Keying every post on its own path is what lets
 * the planner compute any window without playing the ones before it.
 */
export function seededRandom(seed: number, ...key: (string | number)[]): Random {
  let hash = 0x811c9dc5;
  for (const char of `${seed}\u0000${key.join("\u0000")}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return mulberry32(hash >>> 0);
}

/** mulberry32 by Tommy Ettinger (public domain): 32 bits of state, passes gjrand and PractRand to 2^32. */
function mulberry32(state: number): Random {
  let a = state;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws a whole number in [min, max]. */
export function drawInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Draws a whole number in [min, max], log-uniformly, so small values are as common as in real follower counts. */
export function drawLogInt(random: Random, min: number, max: number): number {
  const low = Math.log(min + 1);
  const high = Math.log(max + 1);
  return Math.min(max, Math.max(min, Math.round(Math.exp(low + random() * (high - low)) - 1)));
}

/** Draws one item of a non-empty list. */
export function drawOne<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError("cannot draw from an empty list");
  return item;
}

/** Draws a key in proportion to its weight; the weights must not all be zero. */
export function drawWeighted<K extends string>(random: Random, weights: Partial<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let rest = random() * total;
  for (const [key, weight] of entries) {
    rest -= weight;
    if (rest < 0 && weight > 0) return key;
  }
  const last = entries.findLast(([, weight]) => weight > 0);
  if (last === undefined) throw new RangeError("cannot draw when every weight is zero");
  return last[0];
}
