import type { DetectedLanguage } from "../../text/language.ts";
import { isHighSurrogate } from "../../text/utf16.ts";
import type { OrgRiskConfig, RiskAuthor, RiskResult } from "../risk.types.ts";
import type { KnownBadHosts } from "./host-list.ts";
import { extractLinks, type FoundLink } from "./links.ts";
import { foldVisibleText, prepareVisibleText, type VisibleText } from "./visible-text.ts";

/** What every detector gets besides the text. */
export interface DetectContext {
  lang: DetectedLanguage;
  org: OrgRiskConfig;
  author?: RiskAuthor;
  /** `outgoing` for the organisation's own posts (the pre-publication check), `incoming` for others'. */
  direction?: "incoming" | "outgoing";
  /** The pieces shared by all detectors, computed once per post (`preparePost`); made on demand when absent. */
  prepared?: PreparedPost;
  /** Hosts known to serve phishing or malware (from `parseHostList`). */
  knownBadHosts?: KnownBadHosts;
  /** The post's `malicious_link` result, which the scam detector adds to its own evidence. */
  linkRisk?: RiskResult;
}

/** A word of the folded text, with offsets into the folded text. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/** A post prepared once for all detectors: visible and folded text, words and links. */
export interface PreparedPost {
  readonly original: string;
  /** What a reader sees (`prepareVisibleText`), case kept: secrets and PII match here. */
  readonly visible: VisibleText;
  /** The visible text folded (lowercase, ä→ae, ß→ss, no diacritics): phrases match here. */
  readonly folded: VisibleText;
  /** Runs of letters and digits of `folded`. */
  readonly words: readonly Word[];
  /** Web links found in the visible text. */
  readonly links: readonly FoundLink[];
}

const nonAsciiWordCharacter = /[\p{L}\p{N}]/u;

function isWordAt(text: string, index: number, code: number): number {
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)) return 1;
  if (code < 0x80) return 0;
  const width = isHighSurrogate(code) ? 2 : 1;
  return nonAsciiWordCharacter.test(text.slice(index, index + width)) ? width : 0;
}

/** Splits folded text into runs of letters and digits. */
export function wordsOf(folded: string): Word[] {
  const words: Word[] = [];
  let start = -1;
  let index = 0;
  while (index < folded.length) {
    const width = isWordAt(folded, index, folded.charCodeAt(index));
    if (width > 0 && start < 0) start = index;
    else if (width === 0 && start >= 0) {
      words.push({ text: folded.slice(start, index), start, end: index });
      start = -1;
    }
    index += width > 0 ? width : 1;
  }
  if (start >= 0) words.push({ text: folded.slice(start), start, end: folded.length });
  return words;
}

class Prepared implements PreparedPost {
  readonly visible: VisibleText;
  readonly folded: VisibleText;
  private cachedWords: Word[] | undefined;
  private cachedLinks: FoundLink[] | undefined;

  constructor(readonly original: string) {
    this.visible = prepareVisibleText(original);
    this.folded = foldVisibleText(this.visible);
  }

  get words(): readonly Word[] {
    this.cachedWords ??= wordsOf(this.folded.text);
    return this.cachedWords;
  }

  get links(): readonly FoundLink[] {
    this.cachedLinks ??= extractLinks(this.visible);
    return this.cachedLinks;
  }
}

/** Prepares a post for the detectors; words and links are computed on first use. */
export function preparePost(text: string): PreparedPost {
  return new Prepared(text);
}

/** The context's prepared post when it belongs to `text`, otherwise a fresh one. */
export function preparedFor(text: string, ctx: DetectContext): PreparedPost {
  return ctx.prepared?.original === text ? ctx.prepared : preparePost(text);
}
