import * as linkify from "linkifyjs";
import { parse } from "tldts";
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
const linkCandidate = /:\/\/|www\.|[\p{L}\p{N}-]\.\p{L}{2}/gu;
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
  linkCandidate.lastIndex = 0;
  let scannedTo = 0;
  let scanned = 0;
  for (let match = linkCandidate.exec(text); match !== null; match = linkCandidate.exec(text)) {
    if (links.length >= MAX_LINKS || scanned > MAX_SCANNED) break;
    if (match.index < scannedTo) continue;
    let start = match.index;
    const floor = Math.max(scannedTo, match.index - WINDOW);
    while (start > floor && !whitespace.test(text[start - 1] ?? " ")) start -= 1;
    let end = match.index + match[0].length;
    const ceiling = Math.min(text.length, match.index + WINDOW);
    while (end < ceiling && !whitespace.test(text[end] ?? " ")) end += 1;
    scannedTo = end;
    scanned += end - start;
    linkCandidate.lastIndex = Math.max(linkCandidate.lastIndex, end);
    for (const found of linkify.find(text.slice(start, end))) {
      if (found.type !== "url") continue;
      const link = parseLink(found.href, found.value, start + found.start, start + found.end, visible);
      if (link) links.push(link);
    }
  }
  return links;
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
