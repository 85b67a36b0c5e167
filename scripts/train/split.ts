import type { LabelledText } from "./datasets.ts";

/** A dataset cut into training and dev parts. */
export interface Split {
  train: LabelledText[];
  dev: LabelledText[];
}

/** Deterministic 32-bit PRNG (mulberry32), so splits and shuffles repeat exactly for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles a copy of the rows with a seeded Fisher–Yates shuffle. */
export function shuffled<T>(rows: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...rows];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Holds out `fraction` of every label (the full original label, so fine-grained classes keep their
 * share) as the dev part; the same dataset, fraction and seed always give the same split.
 */
export function stratifiedSplit(rows: readonly LabelledText[], fraction: number, seed: number): Split {
  const byLabel = new Map<string, LabelledText[]>();
  for (const row of rows) {
    const group = byLabel.get(row.label);
    if (group) group.push(row);
    else byLabel.set(row.label, [row]);
  }
  const train: LabelledText[] = [];
  const dev: LabelledText[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = shuffled(byLabel.get(label) ?? [], seed);
    const devCount = Math.round(group.length * fraction);
    dev.push(...group.slice(0, devCount));
    train.push(...group.slice(devCount));
  }
  return { train: shuffled(train, seed + 1), dev: shuffled(dev, seed + 2) };
}
