// Coordinated campaigns and flashmobs: groups of accounts posting near-identical text or the same link
// within a short window. Near-duplicates are found with MinHash over character 5-shingles and LSH banding
// (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3); young accounts and
// synchronised timing raise a group's score, explicit reshares ("RT @…") lower it.
import { foldText } from "../text/normalize.ts";
import { hashString } from "./hyperloglog.ts";

/** One post as campaign detection needs it. */
export interface CampaignPost {
  /** The post's id, returned as evidence. */
  id: string;
  /** When it was written (ms since epoch). */
  tMs: number;
  /** Stable key of the author (`platform:handle`). */
  authorKey: string;
  /** The text as written. */
  text: string;
  /** Links in the post; links written in `text` are found as well. */
  links?: readonly string[];
  /** When the author's account was created, if the platform tells. */
  accountCreatedMs?: number;
}

/** Tunables of campaign detection; every field has a default. */
export interface CampaignOptions {
  /** Posts older than this (behind the newest post) are forgotten. */
  windowMs: number;
  /** At most this many posts are kept, whatever the window (bounded memory). */
  maxPosts: number;
  /** LSH bands × rows = MinHash functions; 20 × 3 finds pairs of Jaccard ≥ 0.5 with probability > 0.92. */
  bands: number;
  rows: number;
  /** Characters per shingle. */
  shingle: number;
  /** Estimated Jaccard similarity of shingles from which two posts count as near-identical. */
  minSimilarity: number;
  /** Posts with the same link join a group when they are at most this far apart. */
  linkGapMs: number;
  /** The window of the synchrony measure: the share of a group's posts in its busiest such window. */
  burstMs: number;
  /** Accounts younger than this at the time of the post count as young. */
  youngAccountMs: number;
  /** Groups need at least this many distinct accounts. */
  minAccounts: number;
  /** Groups from this score on are flagged as coordinated. */
  minScore: number;
}

/** The defaults of `CampaignOptions`. */
export const defaultCampaignOptions: CampaignOptions = {
  windowMs: 3 * 3_600_000,
  maxPosts: 50_000,
  bands: 20,
  rows: 3,
  shingle: 5,
  minSimilarity: 0.45,
  linkGapMs: 10 * 60_000,
  burstMs: 15 * 60_000,
  youngAccountMs: 30 * 24 * 3_600_000,
  minAccounts: 5,
  minScore: 0.5,
};

interface StoredPost {
  post: CampaignPost;
  links: string[];
  /** Whether the text is an attributed reshare ("RT @source: …"). */
  reshare: boolean;
  signature: Uint32Array;
}

/** A streaming detector's state: the posts of the window, oldest first, with their MinHash signatures. */
export interface CampaignDetector {
  options: CampaignOptions;
  posts: StoredPost[];
  /** Index of the oldest post still kept (posts before it are evicted lazily). */
  head: number;
  /** Newest post time seen. */
  latestMs: number;
  seeds: Uint32Array;
}

/** A new detector. */
export function createCampaignDetector(options: Partial<CampaignOptions> = {}): CampaignDetector {
  const settings = { ...defaultCampaignOptions, ...options };
  const seeds = new Uint32Array(settings.bands * settings.rows);
  // Fixed seeds (a hash of the index): the same text always gets the same signature, across restarts.
  for (let i = 0; i < seeds.length; i++) seeds[i] = hashString(`minhash-${i}`);
  return { options: settings, posts: [], head: 0, latestMs: Number.NEGATIVE_INFINITY, seeds };
}

const urlPattern = /https?:\/\/[^\s<>"')\]]+/giu;
const resharePrefix = /^\s*(?:rt|mt)\s+@[\p{L}\p{N}_.]+:?/iu;

/** A link reduced to what identifies its target: lower-case host without www, path, no tracking, no trailing slash. */
export function normaliseLink(link: string): string {
  const match = /^https?:\/\/(?:www\.)?([^/?#]+)([^?#]*)(\?[^#]*)?/iu.exec(link.trim());
  if (match === null) return link.trim().toLowerCase();
  const host = (match[1] ?? "").toLowerCase();
  const path = (match[2] ?? "").replace(/\/+$/u, "");
  const query = (match[3] ?? "")
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !/^(utm_|fbclid|gclid|ref=|s=|t=)/iu.test(pair))
    .join("&");
  return `${host}${path}${query === "" ? "" : `?${query}`}`;
}

/** Text reduced to what paraphrases share: folded, without links, mentions, reshare prefix and punctuation. */
export function normaliseCampaignText(text: string): string {
  return foldText(text.replace(resharePrefix, " ").replace(urlPattern, " "))
    .replace(/@[\p{L}\p{N}_.]+/gu, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The text's MinHash signature by one-permutation hashing with optimal densification (Li, Owen & Zhang 2012;
 * Shrivastava 2017): each character shingle is hashed once and lands in one of the signature's bins, which
 * keeps the smallest value it saw; an empty bin takes the value of the first filled bin its own fixed probe
 * sequence reaches. The share of equal bins estimates the Jaccard similarity of the shingle sets, as with one
 * hash function per bin, at a fraction of the cost (one hash per shingle instead of one per shingle and bin).
 */
function signatureOf(text: string, detector: CampaignDetector): Uint32Array {
  const seeds = detector.seeds;
  const size = seeds.length;
  const binSeed = seeds[0] ?? 0;
  const valueSeed = seeds[1] ?? 0;
  const signature = new Uint32Array(size);
  const filled = new Uint8Array(size);
  const width = detector.options.shingle;
  const last = Math.max(0, text.length - width);
  for (let start = 0; start <= last; start++) {
    let h = 0x811c9dc5;
    const end = Math.min(text.length, start + width);
    for (let i = start; i < end; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    const bin = mix32(h ^ binSeed) % size;
    const value = mix32(h ^ valueSeed);
    if (filled[bin] === 0 || value < (signature[bin] ?? 0)) {
      signature[bin] = value;
      filled[bin] = 1;
    }
  }
  // Every text has at least one shingle (a short one has the text itself), so some bin is filled.
  for (let bin = 0; bin < size; bin++) {
    if (filled[bin] === 1) continue;
    for (let attempt = 1; ; attempt++) {
      const from = mix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b) ^ binSeed) % size;
      if (filled[from] === 1) {
        signature[bin] = signature[from] ?? 0;
        break;
      }
    }
  }
  return signature;
}

/** murmur3's finaliser as an unsigned 32-bit integer: every input bit reaches every output bit. */
function mix32(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Estimated Jaccard similarity of two signatures: the share of equal MinHash values. */
function similarity(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let k = 0; k < a.length; k++) if (a[k] === b[k]) equal++;
  return equal / a.length;
}

function evict(detector: CampaignDetector, limit = detector.options.maxPosts): void {
  const cutoff = detector.latestMs - detector.options.windowMs;
  const posts = detector.posts;
  while (detector.head < posts.length) {
    const oldest = posts[detector.head];
    const live = posts.length - detector.head;
    if (oldest === undefined || (oldest.post.tMs >= cutoff && live <= limit)) break;
    detector.head++;
  }
  if (detector.head > 4096 && detector.head * 2 > posts.length) {
    detector.posts = posts.slice(detector.head);
    detector.head = 0;
  }
}

/** How many posts the detector holds now. */
export function campaignPostCount(detector: CampaignDetector): number {
  return detector.posts.length - detector.head;
}

/**
 * Forgets the oldest posts until at most `keep` remain: for a memory budget that several detectors share
 * (`fairShareCap`). Posts that have left the window go first anyway.
 */
export function trimCampaignPosts(detector: CampaignDetector, keep: number): void {
  evict(detector, Math.max(0, Math.min(keep, detector.options.maxPosts)));
}

/** Adds a post to the window; older posts fall out. Mutates and returns the detector. */
export function addCampaignPost(detector: CampaignDetector, post: CampaignPost): CampaignDetector {
  const links = new Set<string>();
  for (const link of post.links ?? []) links.add(normaliseLink(link));
  for (const link of post.text.match(urlPattern) ?? []) links.add(normaliseLink(link));
  detector.posts.push({
    post,
    links: [...links],
    reshare: resharePrefix.test(post.text),
    signature: signatureOf(normaliseCampaignText(post.text), detector),
  });
  if (post.tMs > detector.latestMs) detector.latestMs = post.tMs;
  evict(detector);
  return detector;
}

/** Why a group looks coordinated. */
export type CampaignSignal = "near_identical_text" | "shared_link" | "young_accounts" | "synchronised_timing";

/** A group of accounts acting together, with its evidence. */
export interface CampaignGroup {
  /** 0..1; from `minScore` on the group is flagged. */
  score: number;
  flagged: boolean;
  signals: CampaignSignal[];
  /** Distinct accounts, in order of their first post. */
  members: string[];
  /** Ids of the group's posts, oldest first. */
  postIds: string[];
  /** Up to three distinct texts as written. */
  exampleTexts: string[];
  /** The link most members share, when at least half of them do. */
  sharedLink: string | null;
  /** Time of the first and the last post. */
  fromMs: number;
  toMs: number;
  accountAges: {
    /** Median account age in days at the time of posting; null when no age is known. */
    medianDays: number | null;
    /** Members whose account was younger than `youngAccountMs`. */
    young: number;
    /** Members with a known account age. */
    known: number;
  };
  /** Mean estimated text similarity of the posts to the group's first post (0..1). */
  textSimilarity: number;
  /** Share of the posts within the busiest `burstMs` window. */
  synchrony: number;
  /** Share of posts that are attributed reshares ("RT @…"), the mark of organic spreading. */
  reshareShare: number;
}

class DisjointSets {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }
  find(i: number): number {
    let root = i;
    while ((this.parent[root] ?? root) !== root) root = this.parent[root] ?? root;
    let node = i;
    while (node !== root) {
      const next = this.parent[node] ?? root;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}

/**
 * Groups the posts of the window into coordinated groups: near-identical texts (MinHash LSH, verified on
 * the signatures) and same links within `linkGapMs`, joined transitively; then scores each group with at
 * least `minAccounts` accounts. Returns them best first.
 */
export function detectCampaigns(detector: CampaignDetector): CampaignGroup[] {
  evict(detector);
  const options = detector.options;
  const posts = detector.posts.slice(detector.head);
  const sets = new DisjointSets(posts.length);

  // Near-identical text: posts that agree on all rows of a band are candidates; a candidate joins a bucket
  // when its signature is similar enough to the bucket's first post or to the one before it.
  for (let band = 0; band < options.bands; band++) {
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < posts.length; i++) {
      const signature = (posts[i] as StoredPost).signature;
      let key = band + 1;
      for (let r = 0; r < options.rows; r++) {
        key = Math.imul(key ^ (signature[band * options.rows + r] ?? 0), 0x01000193);
      }
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [i]);
      else bucket.push(i);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      const first = bucket[0] as number;
      for (let j = 1; j < bucket.length; j++) {
        const index = bucket[j] as number;
        const previous = bucket[j - 1] as number;
        if (sets.find(index) === sets.find(first)) continue;
        const signature = (posts[index] as StoredPost).signature;
        if (similarity(signature, (posts[first] as StoredPost).signature) >= options.minSimilarity) {
          sets.union(index, first);
        } else if (
          similarity(signature, (posts[previous] as StoredPost).signature) >= options.minSimilarity
        ) {
          sets.union(index, previous);
        }
      }
    }
  }

  // Same link: posts sorted by time join their predecessor when the gap is short enough.
  const byLink = new Map<string, number[]>();
  for (let i = 0; i < posts.length; i++) {
    for (const link of (posts[i] as StoredPost).links) {
      const list = byLink.get(link);
      if (list === undefined) byLink.set(link, [i]);
      else list.push(i);
    }
  }
  for (const list of byLink.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (posts[a] as StoredPost).post.tMs - (posts[b] as StoredPost).post.tMs);
    for (let j = 1; j < list.length; j++) {
      const a = list[j - 1] as number;
      const b = list[j] as number;
      if ((posts[b] as StoredPost).post.tMs - (posts[a] as StoredPost).post.tMs <= options.linkGapMs) {
        sets.union(a, b);
      }
    }
  }

  const components = new Map<number, number[]>();
  for (let i = 0; i < posts.length; i++) {
    const root = sets.find(i);
    const list = components.get(root);
    if (list === undefined) components.set(root, [i]);
    else list.push(i);
  }
  const groups: CampaignGroup[] = [];
  for (const indexes of components.values()) {
    if (indexes.length < options.minAccounts) continue;
    const members = indexes.map((i) => posts[i] as StoredPost);
    const authors = new Set(members.map((stored) => stored.post.authorKey));
    if (authors.size < options.minAccounts) continue;
    groups.push(describeGroup(members, options));
  }
  return groups.sort((a, b) => b.score - a.score || a.fromMs - b.fromMs);
}

function describeGroup(stored: StoredPost[], options: CampaignOptions): CampaignGroup {
  const posts = [...stored].sort((a, b) => a.post.tMs - b.post.tMs);
  const first = posts[0] as StoredPost;
  const seen = new Set<string>();
  const members: string[] = [];
  const ages = new Map<string, number>();
  for (const { post } of posts) {
    if (!seen.has(post.authorKey)) {
      seen.add(post.authorKey);
      members.push(post.authorKey);
    }
    if (post.accountCreatedMs !== undefined && !ages.has(post.authorKey)) {
      ages.set(post.authorKey, post.tMs - post.accountCreatedMs);
    }
  }
  const ageList = [...ages.values()].sort((a, b) => a - b);
  const young = ageList.filter((age) => age < options.youngAccountMs).length;
  const dayMs = 24 * 3_600_000;
  const medianDays =
    ageList.length === 0 ? null : Math.round((ageList[Math.floor((ageList.length - 1) / 2)] ?? 0) / dayMs);

  // The link shared by the most distinct members.
  const linkMembers = new Map<string, Set<string>>();
  for (const { post, links } of posts) {
    for (const link of links) {
      const set = linkMembers.get(link) ?? new Set<string>();
      set.add(post.authorKey);
      linkMembers.set(link, set);
    }
  }
  let sharedLink: string | null = null;
  let sharedBy = 0;
  for (const [link, set] of linkMembers) {
    if (set.size > sharedBy) {
      sharedLink = link;
      sharedBy = set.size;
    }
  }
  const linkShare = sharedBy / members.length;
  if (linkShare < 0.5) sharedLink = null;

  const sample = posts.length > 64 ? posts.filter((_, i) => i % Math.ceil(posts.length / 64) === 0) : posts;
  const textSimilarity =
    sample.reduce((sum, other) => sum + similarity(first.signature, other.signature), 0) / sample.length;

  let busiest = 0;
  let windowStart = 0;
  for (let end = 0; end < posts.length; end++) {
    const endMs = (posts[end] as StoredPost).post.tMs;
    while (endMs - (posts[windowStart] as StoredPost).post.tMs > options.burstMs) windowStart++;
    busiest = Math.max(busiest, end - windowStart + 1);
  }
  const synchrony = busiest / posts.length;
  const reshareShare = posts.filter((post) => post.reshare).length / posts.length;
  // Unknown ages count as half young: no evidence either way.
  const youngShare = ageList.length === 0 ? 0.5 : young / ageList.length;

  // Weights: copying (text or link) is the precondition, young accounts the strongest sign of a campaign
  // (fresh accounts are cheap to make), timing the next; attributed reshares are how news spreads.
  const copying = Math.max(textSimilarity, linkShare);
  const raw = 0.25 * copying + 0.45 * youngShare + 0.3 * synchrony;
  const score = raw * (1 - 0.5 * reshareShare);
  const signals: CampaignSignal[] = [];
  if (textSimilarity >= options.minSimilarity) signals.push("near_identical_text");
  if (sharedLink !== null) signals.push("shared_link");
  if (ageList.length > 0 && young / ageList.length >= 0.5) signals.push("young_accounts");
  if (synchrony >= 0.6) signals.push("synchronised_timing");

  const exampleTexts: string[] = [];
  for (const { post } of posts) {
    if (exampleTexts.length >= 3) break;
    if (!exampleTexts.includes(post.text)) exampleTexts.push(post.text);
  }
  return {
    score: Math.round(score * 1000) / 1000,
    flagged: score >= options.minScore,
    signals,
    members,
    postIds: posts.map(({ post }) => post.id),
    exampleTexts,
    sharedLink,
    fromMs: first.post.tMs,
    toMs: (posts.at(-1) as StoredPost).post.tMs,
    accountAges: { medianDays, young, known: ageList.length },
    textSimilarity: Math.round(textSimilarity * 1000) / 1000,
    synchrony: Math.round(synchrony * 1000) / 1000,
    reshareShare: Math.round(reshareShare * 1000) / 1000,
  };
}
