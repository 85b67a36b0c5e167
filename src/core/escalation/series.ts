// Per-topic time series for escalation: counts per 1-minute, 15-minute and 1-hour bucket in fixed ring
// buffers, so memory stays bounded however long a topic runs. Late posts land in their own bucket as
// long as that bucket is still retained at the resolution; older ones are counted as dropped.
import type { StakeholderGroup } from "../scenario/scenario.schema.ts";
import {
  hashString,
  sketchAdd,
  sketchEstimate,
  sketchFromString,
  sketchMergeInto,
  sketchRegisters,
  sketchToString,
} from "./hyperloglog.ts";

/** One post as the series needs it; built from a post and what the authors domain knows about its author. */
export interface SeriesEvent {
  /** When the post was written (ms since epoch). */
  tMs: number;
  /** Stable key of the author (`platform:handle` or the author id). */
  authorKey: string;
  /** Whether the author has never before written about this topic. */
  isFirstTimeAuthor: boolean;
  /** Follower count at the time of the post; 0 when unknown. */
  followers: number;
  /** Platform name (`mastodon`, `x`, …). */
  platform: string;
  /** Whether the post is critical: flagged negative, toxic, complaint (see `isCriticalPost`). */
  negative: boolean;
  /** The author's stakeholder group, when the stakeholder map knows it. */
  stakeholderGroup?: StakeholderGroup;
}

/** The resolutions every series keeps. */
export type Resolution = "minute" | "quarter" | "hour";

/** Bucket width and retained bucket count per resolution: 24 h of minutes, 7 days of 15 min, 30 days of hours. */
export const resolutions: Readonly<Record<Resolution, { bucketMs: number; size: number }>> = {
  minute: { bucketMs: 60_000, size: 24 * 60 },
  quarter: { bucketMs: 15 * 60_000, size: 7 * 24 * 4 },
  hour: { bucketMs: 3_600_000, size: 30 * 24 },
};

/** Press, radio and TV: the groups whose pick-up marks levels 5 and 6 of the Shitstorm-Skala. */
export const mediaGroups: ReadonlySet<StakeholderGroup> = new Set(["press", "radio", "tv"]);

/** Organised stakeholders whose joining a debate widens it (course: "Freund und Feind"); media excluded. */
export const organisedGroups: ReadonlySet<StakeholderGroup> = new Set([
  "regulator",
  "police",
  "prosecutor",
  "consumer_association",
  "environmental_association",
  "citizens_movement",
  "political_group",
  "competitor",
  "influencer",
]);

/** Risk flags that count a post as critical for escalation. */
export const criticalFlags: ReadonlySet<string> = new Set([
  "negative",
  "toxic",
  "complaint",
  "hate",
  "threat",
]);

/** Whether a post's risk flags make it critical for escalation. */
export function isCriticalPost(flags: readonly string[]): boolean {
  return flags.some((flag) => criticalFlags.has(flag));
}

// Numeric fields per bucket, in this order in `Ring.counts`.
const fieldNames = [
  "volume",
  "negative",
  "firstTime",
  "reach",
  "negativeReach",
  "stakeholderPosts",
  "mediaPosts",
] as const;
/** A summable count kept per bucket. */
export type SeriesField = (typeof fieldNames)[number];
const fieldCount = fieldNames.length;
const fieldIndex = Object.fromEntries(fieldNames.map((name, i) => [name, i])) as Record<SeriesField, number>;

/** One resolution's ring buffer, column by column. */
export interface Ring {
  bucketMs: number;
  size: number;
  /** Bucket number (tMs / bucketMs, floored) held in each slot; -1 when the slot was never used. */
  bucket: Float64Array;
  /** `fieldCount` numbers per slot. */
  counts: Float64Array;
  /** Bit per platform (index into `SeriesState.platforms`) with any post in the bucket. */
  platformMask: Int32Array;
  /** Bit per platform with a critical post in the bucket. */
  negativePlatformMask: Int32Array;
  /** HyperLogLog registers of all authors, `sketchRegisters` per slot. */
  authors: Uint8Array;
  /** HyperLogLog registers of authors of critical posts. */
  criticalAuthors: Uint8Array;
  /** Newest bucket number seen; -1 before the first post. */
  latest: number;
}

/** Everything escalation knows about one topic's traffic; mutable, bounded, serialisable with `serializeSeries`. */
export interface SeriesState {
  /** Platform names in the order of their bit in the platform masks (at most 31). */
  platforms: string[];
  /** Earliest post time seen; baselines ignore hours before it (the topic did not exist yet). */
  firstMs: number;
  /** Latest post time seen. */
  lastMs: number;
  /** Posts added, including dropped ones. */
  posts: number;
  /** Posts too old for every resolution (they changed nothing). */
  dropped: number;
  /** Last time each media account (press/radio/tv) posted; at most `maxTrackedAccounts`. */
  mediaAccounts: Record<string, number>;
  /** Last time each stakeholder group posted. */
  groups: Partial<Record<StakeholderGroup, number>>;
  rings: Record<Resolution, Ring>;
}

// Media accounts are few (the stakeholder map names them); the cap only guards against a mislabelled flood.
const maxTrackedAccounts = 512;

function createRing(bucketMs: number, size: number): Ring {
  return {
    bucketMs,
    size,
    bucket: new Float64Array(size).fill(-1),
    counts: new Float64Array(size * fieldCount),
    platformMask: new Int32Array(size),
    negativePlatformMask: new Int32Array(size),
    authors: new Uint8Array(size * sketchRegisters),
    criticalAuthors: new Uint8Array(size * sketchRegisters),
    latest: -1,
  };
}

/** An empty series. */
export function createSeries(): SeriesState {
  return {
    platforms: [],
    firstMs: Number.POSITIVE_INFINITY,
    lastMs: Number.NEGATIVE_INFINITY,
    posts: 0,
    dropped: 0,
    mediaAccounts: {},
    groups: {},
    rings: {
      minute: createRing(resolutions.minute.bucketMs, resolutions.minute.size),
      quarter: createRing(resolutions.quarter.bucketMs, resolutions.quarter.size),
      hour: createRing(resolutions.hour.bucketMs, resolutions.hour.size),
    },
  };
}

function platformBit(state: SeriesState, platform: string): number {
  let index = state.platforms.indexOf(platform);
  if (index < 0) {
    // 31 bits keep the masks positive int32; a 32nd platform shares the last bit (counted as one).
    if (state.platforms.length < 31) state.platforms.push(platform);
    index = Math.min(state.platforms.length - 1, 30);
  }
  return 1 << index;
}

/** Returns the slot for `bucket`, clearing a slot that held an older bucket; -1 if `bucket` is no longer retained. */
function slotFor(ring: Ring, bucket: number): number {
  if (bucket <= ring.latest - ring.size) return -1;
  const slot = bucket % ring.size;
  if (ring.bucket[slot] !== bucket) {
    // Lazy rotation: a slot is wiped only when a newer bucket claims it, so gaps cost nothing.
    ring.bucket[slot] = bucket;
    ring.counts.fill(0, slot * fieldCount, (slot + 1) * fieldCount);
    ring.platformMask[slot] = 0;
    ring.negativePlatformMask[slot] = 0;
    ring.authors.fill(0, slot * sketchRegisters, (slot + 1) * sketchRegisters);
    ring.criticalAuthors.fill(0, slot * sketchRegisters, (slot + 1) * sketchRegisters);
  }
  if (bucket > ring.latest) ring.latest = bucket;
  return slot;
}

function addToRing(ring: Ring, event: SeriesEvent, hash: number, bit: number, media: boolean): boolean {
  const slot = slotFor(ring, Math.floor(event.tMs / ring.bucketMs));
  if (slot < 0) return false;
  const base = slot * fieldCount;
  const counts = ring.counts;
  // biome-ignore lint/complexity/useMathMinMax: Math.max would keep a NaN follower count; this counts it as 0.
  const followers = event.followers > 0 ? event.followers : 0;
  counts[base] = (counts[base] ?? 0) + 1;
  if (event.isFirstTimeAuthor) counts[base + 2] = (counts[base + 2] ?? 0) + 1;
  counts[base + 3] = (counts[base + 3] ?? 0) + followers;
  if (event.stakeholderGroup !== undefined) counts[base + 5] = (counts[base + 5] ?? 0) + 1;
  if (media) counts[base + 6] = (counts[base + 6] ?? 0) + 1;
  ring.platformMask[slot] = (ring.platformMask[slot] ?? 0) | bit;
  sketchAdd(ring.authors, slot * sketchRegisters, hash);
  if (event.negative) {
    counts[base + 1] = (counts[base + 1] ?? 0) + 1;
    counts[base + 4] = (counts[base + 4] ?? 0) + followers;
    ring.negativePlatformMask[slot] = (ring.negativePlatformMask[slot] ?? 0) | bit;
    sketchAdd(ring.criticalAuthors, slot * sketchRegisters, hash);
  }
  return true;
}

/** Counts one post into every resolution that still retains its time; mutates and returns `state`. */
export function addPost(state: SeriesState, event: SeriesEvent): SeriesState {
  state.posts++;
  const hash = hashString(event.authorKey);
  const bit = platformBit(state, event.platform);
  const group = event.stakeholderGroup;
  const media = group !== undefined && mediaGroups.has(group);
  let counted = false;
  counted = addToRing(state.rings.minute, event, hash, bit, media) || counted;
  counted = addToRing(state.rings.quarter, event, hash, bit, media) || counted;
  counted = addToRing(state.rings.hour, event, hash, bit, media) || counted;
  if (!counted) {
    state.dropped++;
    return state;
  }
  if (event.tMs < state.firstMs) state.firstMs = event.tMs;
  if (event.tMs > state.lastMs) state.lastMs = event.tMs;
  if (group !== undefined && event.tMs > (state.groups[group] ?? Number.NEGATIVE_INFINITY)) {
    state.groups[group] = event.tMs;
  }
  if (media) noteMediaAccount(state, event.authorKey, event.tMs);
  return state;
}

function noteMediaAccount(state: SeriesState, authorKey: string, tMs: number): void {
  const accounts = state.mediaAccounts;
  const seen = accounts[authorKey];
  if (seen !== undefined) {
    if (tMs > seen) accounts[authorKey] = tMs;
    return;
  }
  accounts[authorKey] = tMs;
  const keys = Object.keys(accounts);
  if (keys.length <= maxTrackedAccounts) return;
  let oldest = keys[0] as string;
  for (const key of keys) if ((accounts[key] ?? 0) < (accounts[oldest] ?? 0)) oldest = key;
  delete accounts[oldest];
}

/** Builds a series from scratch, e.g. after a restart without saved state or when a topic's query changes. */
export function buildSeries(events: Iterable<SeriesEvent>): SeriesState {
  const state = createSeries();
  for (const event of events) addPost(state, event);
  return state;
}

/** Sums over a window of buckets. */
export interface WindowTotals {
  /** Posts. */
  volume: number;
  /** Critical posts. */
  negative: number;
  /** Posts by authors new to the topic. */
  firstTime: number;
  /** Sum of followers over all posts. */
  reach: number;
  /** Sum of followers over critical posts. */
  negativeReach: number;
  /** Posts by authors of a known stakeholder group. */
  stakeholderPosts: number;
  /** Posts by press, radio or TV accounts. */
  mediaPosts: number;
  /** Distinct authors (HyperLogLog estimate). */
  uniqueAuthors: number;
  /** Distinct authors of critical posts (HyperLogLog estimate). */
  criticalAuthors: number;
  /** Distinct platforms with any post. */
  platforms: number;
  /** Distinct platforms with a critical post. */
  negativePlatforms: number;
}

function bitCount(mask: number): number {
  let v = mask - ((mask >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

// Running sums of one window query; reused between calls, so a query allocates only its result.
const scratchSums = new Float64Array(fieldCount);
const scratchAuthors = new Uint8Array(sketchRegisters);
const scratchCritical = new Uint8Array(sketchRegisters);
let scratchMask = 0;
let scratchNegativeMask = 0;

function resetScratch(): void {
  scratchSums.fill(0);
  scratchAuthors.fill(0);
  scratchCritical.fill(0);
  scratchMask = 0;
  scratchNegativeMask = 0;
}

function accumulate(ring: Ring, bucket: number, withAuthors: boolean): void {
  const slot = bucket % ring.size;
  if (ring.bucket[slot] !== bucket) return;
  const base = slot * fieldCount;
  for (let f = 0; f < fieldCount; f++) scratchSums[f] = (scratchSums[f] ?? 0) + (ring.counts[base + f] ?? 0);
  scratchMask |= ring.platformMask[slot] ?? 0;
  scratchNegativeMask |= ring.negativePlatformMask[slot] ?? 0;
  if (withAuthors) sketchMergeInto(scratchAuthors, ring.authors, slot * sketchRegisters);
  if ((ring.counts[base + 1] ?? 0) > 0)
    sketchMergeInto(scratchCritical, ring.criticalAuthors, slot * sketchRegisters);
}

function scratchTotals(): WindowTotals {
  return {
    volume: scratchSums[0] ?? 0,
    negative: scratchSums[1] ?? 0,
    firstTime: scratchSums[2] ?? 0,
    reach: scratchSums[3] ?? 0,
    negativeReach: scratchSums[4] ?? 0,
    stakeholderPosts: scratchSums[5] ?? 0,
    mediaPosts: scratchSums[6] ?? 0,
    uniqueAuthors: Math.round(sketchEstimate(scratchAuthors)),
    criticalAuthors: Math.round(sketchEstimate(scratchCritical)),
    platforms: bitCount(scratchMask),
    negativePlatforms: bitCount(scratchNegativeMask),
  };
}

/**
 * Totals over the buckets of `resolution` whose start lies in [fromMs, toMs); buckets no longer retained
 * count as empty.
 */
export function windowTotals(
  state: SeriesState,
  resolution: Resolution,
  fromMs: number,
  toMs: number,
): WindowTotals {
  const ring = state.rings[resolution];
  resetScratch();
  const first = Math.max(Math.ceil(fromMs / ring.bucketMs), ring.latest - ring.size + 1);
  const last = Math.min(Math.ceil(toMs / ring.bucketMs) - 1, ring.latest);
  for (let bucket = first; bucket <= last; bucket++) accumulate(ring, bucket, true);
  return scratchTotals();
}

/**
 * Totals over [fromMs, toMs) (whole minutes), each stretch from the coarsest ring whose bucket fits
 * entirely inside: the last hour costs about 3 quarter and 15 minute buckets instead of 60 minutes.
 * Every ring counts every retained post, so the mix adds up to the same as minutes alone.
 * `withAuthors: false` skips the distinct count of all authors (`uniqueAuthors` is then 0), which the
 * level does not need.
 */
export function totalsBetween(
  state: SeriesState,
  fromMs: number,
  toMs: number,
  withAuthors = true,
): WindowTotals {
  const { minute, quarter, hour } = state.rings;
  resetScratch();
  let t = Math.ceil(fromMs / minute.bucketMs) * minute.bucketMs;
  while (t < toMs) {
    let ring = minute;
    if (t % hour.bucketMs === 0 && t + hour.bucketMs <= toMs) ring = hour;
    else if (t % quarter.bucketMs === 0 && t + quarter.bucketMs <= toMs) ring = quarter;
    const bucket = t / ring.bucketMs;
    if (bucket > ring.latest - ring.size && bucket <= ring.latest) accumulate(ring, bucket, withAuthors);
    t += ring.bucketMs;
  }
  return scratchTotals();
}

/** Posts in [fromMs, toMs) at minute resolution, without the distinct counts (cheap). */
export function volumeBetween(state: SeriesState, fromMs: number, toMs: number): number {
  const ring = state.rings.minute;
  const first = Math.max(Math.ceil(fromMs / ring.bucketMs), ring.latest - ring.size + 1);
  const last = Math.min(Math.ceil(toMs / ring.bucketMs) - 1, ring.latest);
  let volume = 0;
  for (let bucket = first; bucket <= last; bucket++) {
    const slot = bucket % ring.size;
    if (ring.bucket[slot] === bucket) volume += ring.counts[slot * fieldCount] ?? 0;
  }
  return volume;
}

/** One field of one bucket; 0 when the bucket is empty or no longer retained. */
export function bucketValue(
  state: SeriesState,
  resolution: Resolution,
  bucketStartMs: number,
  field: SeriesField,
): number {
  const ring = state.rings[resolution];
  const bucket = Math.floor(bucketStartMs / ring.bucketMs);
  if (bucket <= ring.latest - ring.size) return 0;
  const slot = bucket % ring.size;
  if (ring.bucket[slot] !== bucket) return 0;
  return ring.counts[slot * fieldCount + fieldIndex[field]] ?? 0;
}

/** Whether a bucket's time is still inside the retained window of `resolution`. */
export function isRetained(state: SeriesState, resolution: Resolution, bucketStartMs: number): boolean {
  const ring = state.rings[resolution];
  return Math.floor(bucketStartMs / ring.bucketMs) > ring.latest - ring.size;
}

/** Distinct media accounts (press/radio/tv) whose last post lies in [fromMs, toMs]. */
export function mediaAccountsBetween(state: SeriesState, fromMs: number, toMs: number): string[] {
  const accounts: string[] = [];
  for (const key in state.mediaAccounts) {
    const seen = state.mediaAccounts[key] ?? Number.NEGATIVE_INFINITY;
    if (seen >= fromMs && seen <= toMs) accounts.push(key);
  }
  return accounts;
}

/** Stakeholder groups whose last post lies in [fromMs, toMs]. */
export function groupsBetween(state: SeriesState, fromMs: number, toMs: number): StakeholderGroup[] {
  const groups: StakeholderGroup[] = [];
  for (const key in state.groups) {
    const group = key as StakeholderGroup;
    const seen = state.groups[group] ?? Number.NEGATIVE_INFINITY;
    if (seen >= fromMs && seen <= toMs) groups.push(group);
  }
  return groups;
}

/** One non-empty bucket in JSON: bucket number, the counts, both masks, both sketches. */
type BucketJson = [number, number[], number, number, string, string];

/** The JSON form of a series; only non-empty buckets are written. */
export interface SeriesJson {
  version: 1;
  platforms: string[];
  firstMs: number | null;
  lastMs: number | null;
  posts: number;
  dropped: number;
  mediaAccounts: Record<string, number>;
  groups: Partial<Record<StakeholderGroup, number>>;
  rings: Record<Resolution, { latest: number; buckets: BucketJson[] }>;
}

function ringToJson(ring: Ring): { latest: number; buckets: BucketJson[] } {
  const buckets: BucketJson[] = [];
  for (let slot = 0; slot < ring.size; slot++) {
    const bucket = ring.bucket[slot] ?? -1;
    if (bucket < 0 || bucket <= ring.latest - ring.size) continue;
    buckets.push([
      bucket,
      Array.from(ring.counts.subarray(slot * fieldCount, (slot + 1) * fieldCount)),
      ring.platformMask[slot] ?? 0,
      ring.negativePlatformMask[slot] ?? 0,
      sketchToString(ring.authors, slot * sketchRegisters),
      sketchToString(ring.criticalAuthors, slot * sketchRegisters),
    ]);
  }
  buckets.sort((a, b) => a[0] - b[0]);
  return { latest: ring.latest, buckets };
}

/** The state as plain JSON, to store when a worker stops (restart keeps the series). */
export function serializeSeries(state: SeriesState): SeriesJson {
  return {
    version: 1,
    platforms: [...state.platforms],
    firstMs: Number.isFinite(state.firstMs) ? state.firstMs : null,
    lastMs: Number.isFinite(state.lastMs) ? state.lastMs : null,
    posts: state.posts,
    dropped: state.dropped,
    mediaAccounts: { ...state.mediaAccounts },
    groups: { ...state.groups },
    rings: {
      minute: ringToJson(state.rings.minute),
      quarter: ringToJson(state.rings.quarter),
      hour: ringToJson(state.rings.hour),
    },
  };
}

/** Rebuilds the state written by `serializeSeries`. */
export function restoreSeries(json: SeriesJson): SeriesState {
  const state = createSeries();
  state.platforms = [...json.platforms];
  state.firstMs = json.firstMs ?? Number.POSITIVE_INFINITY;
  state.lastMs = json.lastMs ?? Number.NEGATIVE_INFINITY;
  state.posts = json.posts;
  state.dropped = json.dropped;
  state.mediaAccounts = { ...json.mediaAccounts };
  state.groups = { ...json.groups };
  for (const resolution of Object.keys(resolutions) as Resolution[]) {
    const ring = state.rings[resolution];
    const saved = json.rings[resolution];
    ring.latest = saved.latest;
    for (const [bucket, counts, mask, negativeMask, authors, critical] of saved.buckets) {
      const slot = bucket % ring.size;
      ring.bucket[slot] = bucket;
      ring.counts.set(counts.slice(0, fieldCount), slot * fieldCount);
      ring.platformMask[slot] = mask;
      ring.negativePlatformMask[slot] = negativeMask;
      sketchFromString(authors, ring.authors, slot * sketchRegisters);
      sketchFromString(critical, ring.criticalAuthors, slot * sketchRegisters);
    }
  }
  return state;
}
