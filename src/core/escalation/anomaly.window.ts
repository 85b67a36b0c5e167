/** A sliding window of the last `capacity` values that answers quantiles quickly. */
export interface SlidingWindow {
  /** The values in arrival order, oldest first (what `toJSON` stores). */
  readonly values: () => number[];
  /** Adds a value, dropping the oldest once the window is full. */
  push(value: number): void;
  /** Number of values held. */
  size(): number;
  /** The q-quantile (0 … 1) of the held values by linear interpolation; NaN when empty. */
  quantile(q: number): number;
}

/**
 * A sliding window kept twice, as a ring in arrival order and as a sorted array, so that a push costs two
 * binary searches and one shift and a quantile costs O(1).
 */
export function createSlidingWindow(capacity: number, initial: readonly number[] = []): SlidingWindow {
  const ring = new Float64Array(capacity);
  const sorted = new Float64Array(capacity);
  let start = 0;
  let count = 0;

  function lowerBound(value: number): number {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function push(value: number): void {
    // One pass moves the values between the dropped one and the new one's place, by hand: for windows of
    // a few hundred values this beats two copyWithin calls, whose fixed cost dominates.
    let at = lowerBound(value);
    if (count === capacity) {
      const gone = lowerBound(ring[start] as number);
      ring[start] = value;
      start = (start + 1) % capacity;
      if (at > gone) {
        at--;
        for (let k = gone; k < at; k++) sorted[k] = sorted[k + 1] as number;
      } else for (let k = gone; k > at; k--) sorted[k] = sorted[k - 1] as number;
      sorted[at] = value;
      return;
    }
    ring[(start + count) % capacity] = value;
    for (let k = count; k > at; k--) sorted[k] = sorted[k - 1] as number;
    sorted[at] = value;
    count++;
  }

  function quantile(q: number): number {
    if (count === 0) return Number.NaN;
    const pos = q * (count - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, count - 1);
    const a = sorted[lo] as number;
    return a + ((sorted[hi] as number) - a) * (pos - lo);
  }

  for (const value of initial.slice(-capacity)) push(value);
  return {
    values: () => Array.from({ length: count }, (_, k) => ring[(start + k) % capacity] as number),
    push,
    size: () => count,
    quantile,
  };
}

/** The largest of the last `capacity` values, kept in O(1) amortised per push (a monotonic deque). */
export interface SlidingMax {
  /** The values in arrival order, oldest first (what `toJSON` stores). */
  readonly values: () => number[];
  /** Adds a value, dropping the oldest once `capacity` values are held. */
  push(value: number): void;
  /** Number of values held. */
  size(): number;
  /** The largest value held; -Infinity when empty. */
  max(): number;
}

/** Creates a sliding maximum over the last `capacity` values, refilled from `initial` (oldest first). */
export function createSlidingMax(capacity: number, initial: readonly number[] = []): SlidingMax {
  const ring = new Float64Array(capacity);
  // Ring positions of candidate maxima, oldest first, their values strictly decreasing from front to back.
  const deque = new Int32Array(capacity);
  let front = 0;
  let length = 0;
  // Values pushed so far while the ring fills, then capacity + the ring position of the oldest value.
  let pushed = 0;

  function push(value: number): void {
    const at = pushed < capacity ? pushed : (pushed - capacity) % capacity;
    // The slot being overwritten holds the oldest value: drop it from the front if it is still a candidate.
    if (pushed >= capacity && length > 0 && deque[front] === at) {
      front = front + 1 === capacity ? 0 : front + 1;
      length--;
    }
    while (length > 0) {
      const back = front + length - 1;
      if ((ring[deque[back < capacity ? back : back - capacity] as number] as number) > value) break;
      length--;
    }
    ring[at] = value;
    const tail = front + length;
    deque[tail < capacity ? tail : tail - capacity] = at;
    length++;
    pushed = pushed < capacity ? pushed + 1 : capacity + ((pushed - capacity + 1) % capacity);
  }

  for (const value of initial.slice(-capacity)) push(value);
  return {
    values: () => {
      if (pushed < capacity) return Array.from(ring.subarray(0, pushed));
      const oldest = (pushed - capacity) % capacity;
      return [...ring.subarray(oldest), ...ring.subarray(0, oldest)];
    },
    push,
    size: () => Math.min(pushed, capacity),
    max: () => (length > 0 ? (ring[deque[front] as number] as number) : Number.NEGATIVE_INFINITY),
  };
}

/**
 * The last `memory + length` points of a series, and the distance from its newest `length` points (the newest
 * pattern) to the nearest earlier pattern that does not overlap it.
 */
export interface PatternMemory {
  /** The points in arrival order, oldest first (what `toJSON` stores). */
  readonly values: () => number[];
  /** Adds a point, dropping the oldest once the memory is full. */
  push(value: number): void;
  /** Number of earlier, non-overlapping patterns the newest one is compared with. */
  candidates(): number;
  /** RMS distance per point from the newest pattern to its nearest candidate; Infinity without candidates. */
  nearestDistance(): number;
}

/** Creates a pattern memory of patterns of `length` points, refilled from `initial` (oldest first). */
export function createPatternMemory(
  length: number,
  memory: number,
  initial: readonly number[] = [],
): PatternMemory {
  const capacity = memory + length;
  // Every point is written twice, at k and k + capacity, so that any pattern is one contiguous run.
  const ring = new Float64Array(2 * capacity);
  const query = new Float64Array(length);
  let pushed = 0;

  function push(value: number): void {
    const at = pushed % capacity;
    ring[at] = value;
    ring[at + capacity] = value;
    pushed++;
  }

  function candidates(): number {
    return Math.max(0, Math.min(pushed, capacity) - 2 * length + 1);
  }

  function nearestDistance(): number {
    const count = candidates();
    if (count === 0) return Number.POSITIVE_INFINITY;
    const held = Math.min(pushed, capacity);
    // Ring position of the oldest point held; the newest pattern starts `held - length` points after it.
    const oldest = (pushed - held) % capacity;
    const newest = oldest + held - length;
    for (let k = 0; k < length; k++) query[k] = ring[newest + k] as number;
    const half = length >> 1;
    let best = Number.POSITIVE_INFINITY;
    // Newest candidates first (recent behaviour matches best); a candidate whose first half is already
    // farther than the best so far is dropped without its second half. The minimum is exact.
    for (let start = oldest + count - 1; start >= oldest; start--) {
      let sum = 0;
      for (let k = 0; k < half; k++) {
        const d = (ring[start + k] as number) - (query[k] as number);
        sum += d * d;
      }
      if (sum >= best) continue;
      for (let k = half; k < length; k++) {
        const d = (ring[start + k] as number) - (query[k] as number);
        sum += d * d;
      }
      if (sum < best) best = sum;
    }
    return Math.sqrt(best / length);
  }

  for (const value of initial.slice(-capacity)) push(value);
  return {
    values: () => {
      const held = Math.min(pushed, capacity);
      const oldest = (pushed - held) % capacity;
      return Array.from(ring.subarray(oldest, oldest + held));
    },
    push,
    candidates,
    nearestDistance,
  };
}
