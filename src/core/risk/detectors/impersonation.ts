import { isOfficialHandle, type RiskAuthor, type RiskResult } from "../risk.types.ts";
import { type DetectContext, preparedFor } from "./detect-context.ts";
import { compactSkeleton, findPhrases, type Identity, indexOrg, type OrgIndex } from "./org-index.ts";
import {
  compilePhraseRules,
  matchesToSpans,
  type PhraseRule,
  toResult,
  type WeightedSpan,
} from "./scoring.ts";
import { editDistance } from "./skeleton.ts";

/** Reason codes of `detectImpersonation`. */
export type ImpersonationReason =
  | "impersonation.handle_lookalike"
  | "impersonation.display_name_copy"
  | "impersonation.added_word"
  | "impersonation.name_lookalike"
  | "impersonation.executive"
  | "impersonation.brand_in_name"
  | "impersonation.claims_official"
  | "impersonation.requests_private_contact";

// Words impersonators put around a copied name (@nordwind_support, "Nordwind Hilfe DE").
const affixWords = [
  "support",
  "official",
  "offiziell",
  "offizieller",
  "help",
  "hilfe",
  "service",
  "kundenservice",
  "kundendienst",
  "care",
  "team",
  "de",
  "real",
  "the",
  "info",
  "hq",
  "helpdesk",
  "desk",
  "germany",
  "deutschland",
  "customer",
  "kunden",
  "online",
  "news",
  "account",
  "verified",
  "admin",
].map((word) => compactSkeleton(word));
// Longest first, so "kundenservice" is stripped before "kunden".
affixWords.sort((a, b) => b.length - a.length);

// The post claims to speak for the company's support. Folded text; gaps are at most three words.
const supportNoun =
  "(?:support|kundenservice|kundendienst|service-?team|support-?team|kundenbetreuung|social-?media-?team|hotline)";
const claimRules: readonly PhraseRule[] = [
  {
    reason: "impersonation.claims_official",
    pattern: `\\b(?:ich bin|wir sind|ich komme|ich schreibe|wir schreiben) (?:vom|von der|von|aus dem|aus der|im namen (?:von|des|der)|teil des|teil vom)(?:[ -]\\w+){0,3}?[ -]${supportNoun}\\b`,
    weight: 0.55,
    detail: "claims to be the company's support",
  },
  {
    reason: "impersonation.claims_official",
    pattern: `\\b(?:ich bin|ich arbeite als) (?:\\w+ )?(?:mitarbeiter|mitarbeiterin|kundenberater|kundenberaterin|angestellte|angestellter) (?:von|bei|des|der|im)\\b|\\b(?:ich arbeite|ich bin) (?:im|beim|bei der|beim) (?:\\w+[ -]){0,2}?${supportNoun}\\b|\\bhier (?:ist|schreibt|spricht) (?:der|das|dein|euer|ihr|die)(?:[ -]\\w+){0,2}?[ -]${supportNoun}\\b`,
    weight: 0.55,
    detail: "claims to be the company's support",
  },
  {
    reason: "impersonation.claims_official",
    pattern:
      "\\b(?:i am|i'm|we are|we're) (?:from|with|part of|on) (?:the )?(?:\\w+ ){0,3}?(?:support|customer (?:service|care|support)|help ?desk|support team|service team|social media team)\\b|\\b(?:this is|we are|we're) (?:the )?(?:\\w+ )?(?:support|customer (?:service|care)) team\\b|\\bi (?:am|work) (?:an? )?(?:employee|agent|representative) (?:of|at|for)\\b",
    weight: 0.55,
    detail: "claims to be the company's support",
  },
  {
    reason: "impersonation.claims_official",
    pattern:
      "\\b(?:offizielle[rs]?|official)(?: \\w+){0,2}? (?:support|kundenservice|account|team|helpdesk)\\b",
    weight: 0.45,
    detail: "claims to be an official account",
  },
  {
    reason: "impersonation.requests_private_contact",
    pattern:
      "\\b(?:schreib|schreibe|schreibt|schreiben sie|kontaktier|kontaktiere|kontaktieren sie|melde dich|meldet euch|melden sie sich)(?: \\w+){0,3}? (?:dm|pn|privatnachricht|direktnachricht|whatsapp|telegram|signal)\\b|\\b(?:dm|pm|message|text|contact) (?:me|us)\\b|\\bsend (?:me|us) (?:a )?(?:dm|pm|direct message)\\b",
    weight: 0.35,
    detail: "moves the conversation to a private channel",
  },
  {
    reason: "impersonation.requests_private_contact",
    pattern:
      "\\b(?:schick|schicke|schickt|sende|sendet|senden sie|gib|gebt|nenn|nenne|send|give|share)(?: \\w+){0,3}? (?:daten|kundennummer|passwort|pin|tan|iban|kreditkarte|kartennummer|zugangsdaten|login|logindaten|password|card number|account details|details|credentials)\\b",
    weight: 0.45,
    detail: "asks for account data",
  },
];
const matchClaims = compilePhraseRules(claimRules);

/**
 * `impersonation`: an author whose handle or display name imitates the org's official accounts,
 * brands or executives (UTS #39 skeletons, edit distance, added words such as "support" or
 * "offiziell"), and posts that claim to be the company's support. Claims of being support are
 * counted here rather than under `scam`, because the harm is someone speaking in the company's
 * name; `scam` scores the fraud pattern (data, money, private channel) on its own.
 * An author in the official registry is never flagged.
 */
export function detectImpersonation(text: string, ctx: DetectContext): RiskResult {
  if (ctx.direction === "outgoing") return toResult([]);
  const org = indexOrg(ctx.org);
  if (ctx.author && isOfficialHandle(org.officialAccounts, ctx.author.platform, ctx.author.handle))
    return toResult([]);
  const found: WeightedSpan[] = [];
  const wholePost = { start: 0, end: text.length };
  if (ctx.author) {
    for (const finding of assessAuthor(ctx.author, org)) found.push({ ...wholePost, ...finding });
  }
  const prepared = preparedFor(text, ctx);
  const folded = prepared.folded;
  {
    const claims = matchesToSpans(matchClaims(folded.text, prepared.words), folded);
    if (claims.some((claim) => claim.reason === "impersonation.claims_official")) {
      // A claim that names the company is stronger than "ich bin vom Support" under its post.
      const named = findPhrases(prepared.words, org.names).length > 0;
      for (const claim of claims)
        if (named && claim.reason === "impersonation.claims_official") claim.weight = 0.7;
      found.push(...claims);
    } else if (found.length > 0) {
      // A lookalike account that asks for a DM or data is the fake-support pattern in full.
      found.push(...claims);
    }
  }
  return toResult(found);
}

interface Finding {
  reason: ImpersonationReason;
  weight: number;
  detail: string;
}

// Authors post many times; their verdict is kept per org index (bounded, cleared when full).
const authorVerdicts = new WeakMap<OrgIndex, Map<string, Finding[]>>();
const AUTHOR_CACHE_LIMIT = 10_000;

function assessAuthor(author: RiskAuthor, org: OrgIndex): Finding[] {
  const key = `${author.handle}\u0000${author.displayName ?? ""}`;
  let verdicts = authorVerdicts.get(org);
  if (!verdicts) {
    verdicts = new Map();
    authorVerdicts.set(org, verdicts);
  }
  const cached = verdicts.get(key);
  if (cached) return cached;
  const findings = compareAuthor(author, org);
  if (verdicts.size >= AUTHOR_CACHE_LIMIT) verdicts.clear();
  verdicts.set(key, findings);
  return findings;
}

function compareAuthor(author: RiskAuthor, org: OrgIndex): Finding[] {
  const findings: Finding[] = [];
  const handle = author.handle.replace(/^@/, "");
  const names: Array<{ value: string; field: "handle" | "display name" }> = [
    { value: handle, field: "handle" },
  ];
  if (author.displayName) names.push({ value: author.displayName, field: "display name" });
  for (const { value, field } of names) {
    const candidate = compactSkeleton(value);
    if (candidate.length < 3) continue;
    let best: Finding | undefined;
    // On equal weight the longer name imitated is the more specific finding (@nordwind_hilfe over @nordwind).
    let bestLength = 0;
    for (const identity of org.identities) {
      const finding = compare(candidate, value, field, identity);
      if (
        finding &&
        (!best ||
          finding.weight > best.weight ||
          (finding.weight === best.weight && identity.skeleton.length > bestLength))
      ) {
        best = finding;
        bestLength = identity.skeleton.length;
      }
    }
    if (!best) {
      const brand = org.identities.find(
        (identity) =>
          identity.kind === "brand" && identity.skeleton.length >= 4 && candidate.includes(identity.skeleton),
      );
      if (brand)
        best = {
          reason: "impersonation.brand_in_name",
          weight: 0.3,
          detail: `${field} "${value}" contains ${brand.display}`,
        };
    }
    if (best) findings.push(best);
  }
  return findings;
}

function compare(candidate: string, raw: string, field: string, identity: Identity): Finding | undefined {
  const what = `${field} "${raw}" imitates ${identity.display}`;
  if (candidate === identity.skeleton) {
    if (identity.kind === "executive")
      return { reason: "impersonation.executive", weight: 0.75, detail: what };
    // The same skeleton as an official handle on another account: a homoglyph or copied handle.
    if (field === "handle") return { reason: "impersonation.handle_lookalike", weight: 0.85, detail: what };
    return { reason: "impersonation.display_name_copy", weight: 0.65, detail: what };
  }
  // Every stage of the stripping counts, so "nordwind_hilfe_support" imitates @nordwind_hilfe (one word
  // added), not merely the brand "Nordwind" that is left when "hilfe" goes too.
  const stages = affixStages(candidate);
  const stripped = stages.at(-1) ?? candidate;
  if (stages.includes(identity.skeleton)) {
    return {
      reason: "impersonation.added_word",
      weight: identity.kind === "executive" ? 0.7 : 0.8,
      detail: what,
    };
  }
  if (identity.skeleton.length < 5) return undefined;
  const limit = identity.skeleton.length >= 9 ? 2 : 1;
  if (editDistance(stripped, identity.skeleton, limit) <= limit) {
    return {
      reason: identity.kind === "executive" ? "impersonation.executive" : "impersonation.name_lookalike",
      weight: 0.7,
      detail: what,
    };
  }
  return undefined;
}

/**
 * Removes affix words (support, offiziell, de …) from both ends of a compact skeleton, one at a time; the
 * name after each removal, the fully stripped one last (empty when nothing was removed).
 */
function affixStages(name: string): string[] {
  const stages: string[] = [];
  let current = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const affix of affixWords) {
      if (current.length > affix.length + 2 && current.startsWith(affix)) {
        current = current.slice(affix.length);
        stages.push(current);
        changed = true;
      } else if (current.length > affix.length + 2 && current.endsWith(affix)) {
        current = current.slice(0, -affix.length);
        stages.push(current);
        changed = true;
      }
    }
  }
  return stages;
}
