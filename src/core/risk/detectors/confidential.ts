import type { RiskResult } from "../risk.types.ts";
import { type DetectContext, preparedFor } from "./detect-context.ts";
import { findPhrases, indexOrg } from "./org-index.ts";
import {
  compilePhraseRules,
  matchesToSpans,
  type PhraseRule,
  spanOf,
  toResult,
  type WeightedSpan,
} from "./scoring.ts";

/** Reason codes of `detectConfidential`. */
export type ConfidentialReason =
  | "confidential.marker"
  | "confidential.classified"
  | "confidential.embargo"
  | "confidential.watchlist"
  | "confidential.internal_host"
  | "confidential.private_ip";

// A negation right before a marker ("nicht vertraulich", "not confidential") cancels it.
const notNegated = "(?<!nicht |kein |keine |not |non-|non |no )";

// Markers in folded form (ä→ae, ß→ss, lowercase). Weights: how sure the marker alone makes a leak.
const markerRules: readonly PhraseRule[] = [
  {
    reason: "confidential.classified",
    pattern: "\\bverschlusssache\\b|\\bvs-nfd\\b|\\bnur fuer den dienstgebrauch\\b",
    weight: 0.9,
    detail: "Verschlusssache",
  },
  {
    reason: "confidential.marker",
    pattern:
      "\\bstreng (?:vertraulich|geheim)\\b|\\bstrictly (?:confidential|private)\\b|\\btop secret\\b|\\bprivileged (?:and|&) confidential\\b",
    weight: 0.9,
    detail: "strictly confidential",
  },
  {
    reason: "confidential.marker",
    pattern:
      "\\bnur fuer den internen (?:gebrauch|dienstgebrauch)\\b|\\bfor internal use only\\b|\\binternal use only\\b|\\binternal only\\b|\\bnur intern\\b|\\bintern(?:e|es)? verwendung\\b",
    weight: 0.8,
    detail: "internal use only",
  },
  {
    reason: "confidential.marker",
    pattern: `${notNegated}\\b(?:vertraulich(?:e|er|es|en)?|confidential)\\b`,
    weight: 0.7,
    detail: "confidential",
  },
  {
    reason: "confidential.marker",
    pattern:
      "\\bnicht (?:weitergeben|weiterleiten|teilen|verbreiten|posten|veroeffentlichen)\\b|\\bnicht zur (?:veroeffentlichung|weitergabe)\\b|\\bdo not (?:share|forward|distribute|publish|post|leak)\\b|\\bnot for (?:distribution|publication|release)\\b",
    weight: 0.7,
    detail: "do not share",
  },
  {
    reason: "confidential.marker",
    pattern:
      "\\b(?:under|unter) (?:nda|verschluss)\\b|\\bnda\\b|\\bgeheimhaltungsvereinbarung\\b|\\bverschwiegenheitserklaerung\\b",
    weight: 0.55,
    detail: "NDA",
  },
  {
    reason: "confidential.marker",
    pattern:
      "\\bintern(?:e|en|es|er)? (?:memo|mail|e-mail|rundmail|dokument|dokumente|unterlagen|praesentation|zahlen|infos?|informationen|strategie|planung)\\b|\\binternal (?:memo|email|mail|document|documents|deck|figures|numbers|roadmap|info)\\b",
    weight: 0.55,
    detail: "internal document",
  },
  {
    reason: "confidential.marker",
    pattern: "\\b(?:betriebsgeheimnis|geschaeftsgeheimnis|trade secret|company secret)(?:se|sen|s)?\\b",
    weight: 0.55,
    detail: "trade secret",
  },
  {
    reason: "confidential.marker",
    pattern: `${notNegated}\\b(?:geheim|intern|proprietary)\\b`,
    weight: 0.3,
    detail: "internal",
  },
  {
    reason: "confidential.embargo",
    pattern: "\\bsperrfrist\\b|\\b(?:under|unter) embargo\\b|\\bembargoed(?: until)?\\b|\\bembargo bis\\b",
    weight: 0.75,
    detail: "embargo",
  },
];

const matchMarkers = compilePhraseRules(markerRules);
// RFC 1918 private networks: an address from one is an internal host.
const privateIp =
  /\b(?:10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})\b/g;
const internalSuffix = /\.(?:internal|intranet|corp|local|lan|localdomain)$/;

/**
 * `leak_confidential`: confidentiality markers (vertraulich, nur für den internen Gebrauch,
 * Sperrfrist, confidential, do not share …) and the org's watchlist — code names, unreleased
 * products, internal host names — matched as whole words, case-, accent- and umlaut-insensitive.
 */
export function detectConfidential(text: string, ctx: DetectContext): RiskResult {
  const prepared = preparedFor(text, ctx);
  const { folded } = prepared;
  const found: WeightedSpan[] = [];
  found.push(...matchesToSpans(matchMarkers(folded.text, prepared.words), folded));

  const org = indexOrg(ctx.org);
  const outgoing = ctx.direction === "outgoing";
  if (org.watchlist.size > 0) {
    const words = prepared.words;
    for (const hit of findPhrases(words, org.watchlist)) {
      const first = words[hit.first];
      const last = words[hit.end - 1];
      if (!first || !last) continue;
      const host = hit.phrase.term.includes(".") && !hit.phrase.term.includes(" ");
      // The org's own staff posting a code name is the leak this category exists for.
      found.push(
        spanOf(
          folded,
          first.start,
          last.end,
          host ? "confidential.internal_host" : "confidential.watchlist",
          host ? 0.85 : outgoing ? 0.85 : 0.75,
          hit.phrase.term,
        ),
      );
    }
  }
  for (const link of prepared.links) {
    if (internalSuffix.test(link.hostname)) {
      found.push({
        start: link.start,
        end: link.end,
        reason: "confidential.internal_host",
        weight: 0.6,
        detail: link.hostname,
      });
    }
  }
  const visible = prepared.visible;
  if (visible.text.includes(".")) {
    privateIp.lastIndex = 0;
    for (let match = privateIp.exec(visible.text); match !== null; match = privateIp.exec(visible.text)) {
      if (match[0].split(".").some((octet) => Number(octet) > 255)) continue;
      found.push(
        spanOf(visible, match.index, match.index + match[0].length, "confidential.private_ip", 0.4, match[0]),
      );
    }
  }
  return toResult(found);
}
