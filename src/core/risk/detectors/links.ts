import * as linkify from "linkifyjs";
import { parse } from "tldts";
import { isHighSurrogate, isLowSurrogate } from "../../text/utf16.ts";
import { hostToUnicode } from "./punycode.ts";
import type { VisibleText } from "./visible-text.ts";

/** A web link in a post, parsed once for all detectors. */
export interface FoundLink {
  /** Span of the link in the original text. */
  start: number;
  end: number;
  /** Offsets of the link in the visible text. */
  visibleStart: number;
  visibleEnd: number;
  /** The link as written (visible text). */
  text: string;
  /** Host name in lowercase ASCII (IDN labels as `xn--`), without a trailing dot. */
  hostname: string;
  /** Host name with `xn--` labels decoded to Unicode. */
  unicodeHostname: string;
  /** Registrable domain (eTLD+1, Public Suffix List), null for IP addresses and bare suffixes. */
  domain: string | null;
  /** The registrable domain without its public suffix ("nordwind-mobil" of "nordwind-mobil.de"). */
  domainLabel: string | null;
  publicSuffix: string | null;
  /** Labels left of the registrable domain, "" when none. */
  subdomain: string;
  isIp: boolean;
  /** Path and query, lowercase. */
  path: string;
  /** User name and password written into the link (`https://user:pw@host`), "" when none. */
  username: string;
  password: string;
}

// A cheap test for anything linkify could call a link: a scheme, "www." or a dot between a letter or
// digit and two letters ("example.de"). Posts without one skip the tokenizer (most posts).
// `findLinkCandidate` scans for what this pattern matches, by hand (the pattern is the reference).
export const linkCandidatePattern = /:\/\/|www\.|[\p{L}\p{N}-]\.\p{L}{2}/gu;
const whitespace = /\s/;
// linkify runs on a window around each candidate, so a megabyte without spaces costs only windows.
const WINDOW = 512;
// A post with more links than this is spam whatever they are; the rest are not parsed.
const MAX_LINKS = 64;
// linkify costs about a microsecond per character; past this many scanned characters a post is not
// read further for links.
const MAX_SCANNED = 16_384;

/** Finds the web links of a visible text (linkifyjs), with hosts parsed against the Public Suffix List. */
export function extractLinks(visible: VisibleText): FoundLink[] {
  const text = visible.text;
  const links: FoundLink[] = [];
  let scannedTo = 0;
  let scanned = 0;
  let from = 0;
  for (
    let match = findLinkCandidate(text, from);
    match !== undefined;
    match = findLinkCandidate(text, from)
  ) {
    if (links.length >= MAX_LINKS || scanned > MAX_SCANNED) break;
    from = match.index + match.length;
    if (match.index < scannedTo) continue;
    let start = match.index;
    const floor = Math.max(scannedTo, match.index - WINDOW);
    while (start > floor && !whitespace.test(text[start - 1] ?? " ")) start -= 1;
    let end = match.index + match.length;
    const ceiling = Math.min(text.length, match.index + WINDOW);
    while (end < ceiling && !whitespace.test(text[end] ?? " ")) end += 1;
    scannedTo = end;
    scanned += end - start;
    from = Math.max(from, end);
    for (const found of linkify.find(text.slice(start, end))) {
      if (found.type !== "url") continue;
      const link = parseLink(found.href, found.value, start + found.start, start + found.end, visible);
      if (link) links.push(link);
    }
  }
  return links;
}

const letterOrDigit = /[\p{L}\p{N}]/u;
const letter = /\p{L}/u;

/**
 * The first match of `linkCandidatePattern` at or after `from`, found by hand: the pattern ran on
 * every post and cost more than the rest of link detection. Code points as the pattern's `u` flag
 * reads them (a start inside a surrogate pair moves back to the pair).
 */
export function findLinkCandidate(text: string, from: number): { index: number; length: number } | undefined {
  const length = text.length;
  let i = from;
  if (i > 0 && i < length && isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1)))
    i -= 1;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x3a && text.charCodeAt(i + 1) === 0x2f && text.charCodeAt(i + 2) === 0x2f) {
      return { index: i, length: 3 };
    }
    if (c === 0x77 && text.startsWith("ww.", i + 1)) return { index: i, length: 4 };
    const width = isHighSurrogate(c) && i + 1 < length && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    if (text.charCodeAt(i + width) === 0x2e && isLetterDigitOrHyphen(text, i, c)) {
      const first = letterWidthAt(text, i + width + 1);
      const second = first > 0 ? letterWidthAt(text, i + width + 1 + first) : 0;
      if (second > 0) return { index: i, length: width + 1 + first + second };
    }
    i += width;
  }
  return undefined;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isLetterDigitOrHyphen(text: string, at: number, c: number): boolean {
  if (c < 0x80) return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
  return letterOrDigit.test(String.fromCodePoint(text.codePointAt(at) ?? c));
}

/** The width in code units of the letter at `at`, 0 when there is none. */
function letterWidthAt(text: string, at: number): number {
  if (at >= text.length) return 0;
  const c = text.charCodeAt(at);
  if (c < 0x80) return isAsciiLetter(c) ? 1 : 0;
  const point = text.codePointAt(at) ?? c;
  if (!letter.test(String.fromCodePoint(point))) return 0;
  return point > 0xffff ? 2 : 1;
}

function parseLink(
  href: string,
  value: string,
  visibleStart: number,
  visibleEnd: number,
  visible: VisibleText,
): FoundLink | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const hostname = url.hostname.replace(/\.$/, "").replace(/^\[|\]$/g, "");
  if (hostname === "") return undefined;
  const parsed = parse(hostname);
  const { start, end } = visible.toOriginalSpan(visibleStart, visibleEnd);
  return {
    start,
    end,
    visibleStart,
    visibleEnd,
    text: value,
    hostname,
    unicodeHostname: hostToUnicode(hostname),
    domain: parsed.domain,
    domainLabel: parsed.domainWithoutSuffix,
    publicSuffix: parsed.publicSuffix,
    subdomain: parsed.subdomain ?? "",
    isIp: parsed.isIp === true || url.hostname.startsWith("["),
    path: `${url.pathname}${url.search}`.toLowerCase(),
    username: safeDecode(url.username),
    password: safeDecode(url.password),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
