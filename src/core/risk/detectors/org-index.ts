import { parse } from "tldts";
import type { OfficialAccount, OrgRiskConfig } from "../risk.types.ts";
import { type Word, wordsOf } from "./detect-context.ts";
import { skeleton } from "./skeleton.ts";
import { foldVisibleText, prepareVisibleText } from "./visible-text.ts";

/** What a phrase of the org's config stands for. */
export type OrgPhraseKind = "brand" | "executive" | "account" | "watchlist";

/** A phrase of the org's config, as a sequence of folded words. */
export interface OrgPhrase {
  words: readonly string[];
  /** The phrase as configured, for the span's detail. */
  term: string;
  kind: OrgPhraseKind;
}

/** Phrases by their first word, so a post is matched in one pass over its words. */
export type PhraseIndex = ReadonlyMap<string, readonly OrgPhrase[]>;

/** A domain (or brand name) that lookalike hosts imitate. */
export interface DomainTarget {
  /** What the lookalike imitates, for the detail ("nordwind-mobil.de" or the brand "Nordwind"). */
  display: string;
  /** Registrable label without the public suffix ("nordwind-mobil"). */
  label: string;
  /** Public suffix ("de"), "" for brand names. */
  suffix: string;
  /** Full registrable domain ("nordwind-mobil.de"), "" for brand names. */
  domain: string;
  labelSkeleton: string;
  /** Domains are stronger evidence than brand names, which other firms may share. */
  weight: number;
}

/** A name an impersonator would copy, reduced to letters and digits of its skeleton. */
export interface Identity {
  display: string;
  skeleton: string;
  kind: "account" | "display_name" | "brand" | "executive";
}

/** The org's config compiled once for fast matching (cached per config object). */
export interface OrgIndex {
  /** Registrable domains the org owns, lowercase ASCII. */
  ownDomains: readonly string[];
  domainTargets: readonly DomainTarget[];
  /** Brand names folded without spaces or hyphens (4+ letters), looked for inside host names. */
  brandCompacts: readonly string[];
  watchlist: PhraseIndex;
  /** Brand names, executives and official handles: mentions of the org in a post. */
  names: PhraseIndex;
  officialAccounts: readonly OfficialAccount[];
  identities: readonly Identity[];
}

const cache = new WeakMap<OrgRiskConfig, OrgIndex>();

/** Compiles (once per config object) the lookups the detectors need from the org's config. */
export function indexOrg(org: OrgRiskConfig): OrgIndex {
  const cached = cache.get(org);
  if (cached) return cached;
  const index = buildIndex(org);
  cache.set(org, index);
  return index;
}

/** Folded words of a configured phrase, by the same rules as a post's words. */
export function phraseWords(phrase: string): string[] {
  return wordsOf(foldVisibleText(prepareVisibleText(phrase)).text).map((word) => word.text);
}

/** Letters and digits of a name's skeleton: "Nordwind_Mobil" → "nordwlndmobll". */
export function compactSkeleton(name: string): string {
  return skeleton(name).replace(/[^\p{L}\p{N}]/gu, "");
}

function buildIndex(org: OrgRiskConfig): OrgIndex {
  const ownDomains = new Set<string>();
  const domainTargets: DomainTarget[] = [];
  for (const raw of org.domains) {
    const host = asciiHost(raw);
    if (!host) continue;
    const parsed = parse(host);
    const domain = parsed.domain ?? host;
    ownDomains.add(domain);
    const label = parsed.domainWithoutSuffix ?? domain;
    domainTargets.push({
      display: domain,
      label,
      suffix: parsed.publicSuffix ?? "",
      domain,
      labelSkeleton: skeleton(label),
      weight: 1,
    });
  }
  const brandCompacts = new Set<string>();
  for (const brand of org.brandNames) {
    const compact = phraseWords(brand).join("");
    if (compact.length < 4) continue;
    brandCompacts.add(compact);
    if (domainTargets.some((target) => target.label.replaceAll("-", "") === compact)) continue;
    domainTargets.push({
      display: brand,
      label: compact,
      suffix: "",
      domain: "",
      labelSkeleton: skeleton(compact),
      weight: 0.8,
    });
  }

  const watchlist = new Map<string, OrgPhrase[]>();
  for (const term of org.watchlist) addPhrase(watchlist, term.replace(/^\*\./, ""), term, "watchlist");
  const names = new Map<string, OrgPhrase[]>();
  for (const brand of org.brandNames) addPhrase(names, brand, brand, "brand");
  for (const executive of org.executives) {
    addPhrase(names, executive, executive, "executive");
    const parts = phraseWords(executive).filter((word) => !honorifics.has(word));
    const surname = parts.at(-1);
    if (parts.length > 1) addPhrase(names, parts.join(" "), executive, "executive");
    if (surname && surname.length >= 3) {
      for (const title of honorifics) addWords(names, [title, surname], executive, "executive");
    }
  }
  const identities: Identity[] = [];
  for (const account of org.officialAccounts) {
    addPhrase(names, account.handle, `@${account.handle}`, "account");
    identities.push({
      display: `@${account.handle}`,
      skeleton: compactSkeleton(account.handle),
      kind: "account",
    });
    if (account.displayName) {
      identities.push({
        display: account.displayName,
        skeleton: compactSkeleton(account.displayName),
        kind: "display_name",
      });
    }
  }
  for (const brand of org.brandNames) {
    identities.push({ display: brand, skeleton: compactSkeleton(brand), kind: "brand" });
  }
  for (const executive of org.executives) {
    identities.push({ display: executive, skeleton: compactSkeleton(executive), kind: "executive" });
  }
  return {
    ownDomains: [...ownDomains],
    domainTargets,
    brandCompacts: [...brandCompacts],
    watchlist,
    names,
    officialAccounts: org.officialAccounts,
    identities: dedupeIdentities(identities.filter((identity) => identity.skeleton.length >= 3)),
  };
}

// Titles and forms of address before a surname: "Herr Berg", "CEO Berg" name the executive too.
const honorifics = new Set([
  "herr",
  "frau",
  "dr",
  "prof",
  "mr",
  "mrs",
  "ms",
  "ceo",
  "cfo",
  "vorstand",
  "chef",
  "chefin",
]);

function dedupeIdentities(identities: Identity[]): Identity[] {
  const seen = new Set<string>();
  return identities.filter((identity) => {
    if (seen.has(identity.skeleton)) return false;
    seen.add(identity.skeleton);
    return true;
  });
}

function addPhrase(index: Map<string, OrgPhrase[]>, phrase: string, term: string, kind: OrgPhraseKind): void {
  addWords(index, phraseWords(phrase), term, kind);
}

function addWords(index: Map<string, OrgPhrase[]>, words: string[], term: string, kind: OrgPhraseKind): void {
  const first = words[0];
  if (first === undefined) return;
  const entries = index.get(first) ?? [];
  if (entries.some((entry) => entry.words.join(" ") === words.join(" "))) return;
  entries.push({ words, term, kind });
  // Longest phrases first, so "Nordwind Mobil" wins over "Nordwind" at the same word.
  entries.sort((a, b) => b.words.length - a.words.length);
  index.set(first, entries);
}

function asciiHost(raw: string): string | undefined {
  const trimmed = raw.trim().toLowerCase().replace(/^\*\./, "");
  if (trimmed === "") return undefined;
  try {
    return new URL(trimmed.includes("://") ? trimmed : `http://${trimmed}`).hostname.replace(/\.$/, "");
  } catch {
    return undefined;
  }
}

/** A configured phrase found in a post: word positions (inclusive, exclusive) and the phrase. */
export interface PhraseHit {
  first: number;
  end: number;
  phrase: OrgPhrase;
}

/** Finds the index's phrases in a post's words, longest first, without overlaps. */
export function findPhrases(words: readonly Word[], index: PhraseIndex): PhraseHit[] {
  const hits: PhraseHit[] = [];
  if (index.size === 0) return hits;
  let position = 0;
  while (position < words.length) {
    const candidates = index.get(words[position]?.text ?? "");
    const phrase = candidates?.find((entry) =>
      entry.words.every((word, offset) => words[position + offset]?.text === word),
    );
    if (phrase) {
      hits.push({ first: position, end: position + phrase.words.length, phrase });
      position += phrase.words.length;
    } else {
      position += 1;
    }
  }
  return hits;
}

/** Whether `hostname` is one of the org's domains or lies under one. */
export function isOwnHost(hostname: string, org: OrgIndex): boolean {
  return org.ownDomains.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}
