import type { FoundLink } from "./links.ts";
import type { DomainTarget, OrgIndex } from "./org-index.ts";
import { editDistance, skeleton } from "./skeleton.ts";

/**
 * How a host imitates a domain, after the permutation families of dnstwist
 * (github.com/elceef/dnstwist): the host is compared with each target instead of generating every
 * permutation, and the edit that turns one into the other names the family.
 */
export type LookalikeFamily =
  | "omission"
  | "insertion"
  | "addition"
  | "repetition"
  | "transposition"
  | "replacement"
  | "homoglyph"
  | "bitsquatting"
  | "hyphenation"
  | "vowel_swap"
  | "tld_swap"
  | "subdomain"
  | "added_words"
  | "edit_distance"
  | "brand_name";

/** A lookalike verdict: the family, what it imitates and how strongly it counts (0..1). */
export interface Lookalike {
  family: LookalikeFamily;
  target: string;
  weight: number;
}

const familyWeight: Readonly<Record<LookalikeFamily, number>> = {
  homoglyph: 0.9,
  subdomain: 0.85,
  omission: 0.8,
  insertion: 0.8,
  repetition: 0.8,
  transposition: 0.8,
  replacement: 0.8,
  bitsquatting: 0.75,
  hyphenation: 0.8,
  vowel_swap: 0.8,
  added_words: 0.75,
  addition: 0.7,
  tld_swap: 0.8,
  edit_distance: 0.6,
  brand_name: 0.5,
};

// Neighbouring keys on staggered QWERTY and QWERTZ keyboards: same row left/right, and the keys
// touching from the rows above and below.
const keyboardRows = [
  ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"],
  ["1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm"],
];
const keyboardNeighbours = new Map<string, Set<string>>();
for (const rows of keyboardRows) {
  rows.forEach((row, r) => {
    [...row].forEach((key, c) => {
      const near = keyboardNeighbours.get(key) ?? new Set<string>();
      for (const [rowIndex, columns] of [
        [r, [c - 1, c + 1]],
        [r - 1, [c, c + 1]],
        [r + 1, [c - 1, c]],
      ] as const) {
        for (const column of columns) {
          const neighbour = rows[rowIndex]?.[column];
          if (neighbour) near.add(neighbour);
        }
      }
      keyboardNeighbours.set(key, near);
    });
  });
}

function adjacentKeys(a: string, b: string): boolean {
  return keyboardNeighbours.get(a)?.has(b) ?? false;
}

const vowels = new Set(["a", "e", "i", "o", "u"]);

/** Whether `longer` is `shorter` with one character added; returns the added position or -1. */
function addedAt(longer: string, shorter: string): number {
  if (longer.length !== shorter.length + 1) return -1;
  let index = 0;
  while (index < shorter.length && longer[index] === shorter[index]) index += 1;
  return longer.slice(index + 1) === shorter.slice(index) ? index : -1;
}

/** Classifies a registrable label against a target label by the single edit between them. */
function classifyLabel(
  label: string,
  unicodeLabel: string,
  target: DomainTarget,
): LookalikeFamily | undefined {
  const wanted = target.label;
  if (label === wanted) return undefined;
  // UTS #39: same skeleton, different string ("n0rdwind", "nordvvind", Cyrillic "о").
  if (skeleton(unicodeLabel) === target.labelSkeleton) return "homoglyph";
  if (label.replaceAll("-", "") === wanted.replaceAll("-", "")) return "hyphenation";
  if (wanted.length < 4) return undefined;
  if (addedAt(wanted, label) >= 0) return "omission";
  const added = addedAt(label, wanted);
  if (added >= 0) {
    const character = label[added] ?? "";
    const before = label[added - 1] ?? "";
    const after = label[added + 1] ?? "";
    if (character === before || character === after) return "repetition";
    if (adjacentKeys(character, before) || adjacentKeys(character, after)) return "insertion";
    return "addition";
  }
  if (label.length === wanted.length) {
    const differences: number[] = [];
    for (let index = 0; index < label.length && differences.length <= 2; index += 1) {
      if (label[index] !== wanted[index]) differences.push(index);
    }
    const [first, second] = differences;
    if (differences.length === 1 && first !== undefined) {
      const got = label[first] ?? "";
      const expected = wanted[first] ?? "";
      if (vowels.has(got) && vowels.has(expected)) return "vowel_swap";
      if (adjacentKeys(got, expected)) return "replacement";
      const flipped = got.charCodeAt(0) ^ expected.charCodeAt(0);
      if ((flipped & (flipped - 1)) === 0) return "bitsquatting";
      return "replacement";
    }
    if (differences.length === 2 && first !== undefined && second === first + 1) {
      if (label[first] === wanted[second] && label[second] === wanted[first]) return "transposition";
    }
  }
  const compactLabel = label.replaceAll("-", "");
  const compactWanted = wanted.replaceAll("-", "");
  if (compactWanted.length >= 4 && compactLabel.includes(compactWanted)) return "added_words";
  const limit = wanted.length >= 8 ? 2 : 1;
  if (editDistance(skeleton(unicodeLabel), target.labelSkeleton, limit) <= limit) return "edit_distance";
  return undefined;
}

/**
 * Whether a link's host imitates one of the org's domains or brand names, and how. The org's own
 * domains and their subdomains must be filtered out before (`isOwnHost`).
 */
export function detectLookalikeDomain(link: FoundLink, org: OrgIndex): Lookalike | undefined {
  let best: Lookalike | undefined;
  const consider = (family: LookalikeFamily, target: DomainTarget): void => {
    const weight = familyWeight[family] * target.weight;
    if (!best || weight > best.weight) best = { family, target: target.display, weight };
  };
  const host = link.unicodeHostname;
  const label = link.domainLabel ?? "";
  const unicodeLabel = (
    link.unicodeHostname.split(".").at(-(link.publicSuffix?.split(".").length ?? 1) - 1) ?? label
  ).toLowerCase();
  const subdomainLabels = link.subdomain === "" ? [] : link.subdomain.split(".");
  for (const target of org.domainTargets) {
    // "nordwind-mobil.de.evil.com", "nordwind-mobil.de-login.com", "nordwind-mobil.evil.com".
    if (
      target.domain !== "" &&
      (host.startsWith(`${target.domain}.`) ||
        host.startsWith(`${target.domain}-`) ||
        host.includes(`.${target.domain}.`) ||
        host.includes(`.${target.domain}-`))
    ) {
      consider("subdomain", target);
      continue;
    }
    if (
      subdomainLabels.some(
        (part) => part === target.label || part.replaceAll("-", "") === target.label.replaceAll("-", ""),
      )
    ) {
      consider("subdomain", target);
      continue;
    }
    // A lookalike worn as a subdomain of a foreign host: "nordwind-mobil-erstattung.de.evil.com". Edit
    // distance alone is left out here: short subdomains (shop, mail, blog) are too often near a short label.
    for (const part of subdomainLabels) {
      const family = classifyLabel(part, part, target);
      if (family && family !== "edit_distance") consider(family, target);
    }
    if (label === "") continue;
    if (label === target.label) {
      consider(target.suffix === "" ? "brand_name" : "tld_swap", target);
      continue;
    }
    const family = classifyLabel(label, unicodeLabel, target);
    if (family) consider(family, target);
  }
  if (!best && label !== "") {
    const compact = label.replaceAll("-", "");
    for (const brand of org.brandCompacts) {
      if (compact.includes(brand) && compact !== brand) {
        best = { family: "added_words", target: brand, weight: familyWeight.added_words * 0.8 };
        break;
      }
    }
  }
  return best;
}
