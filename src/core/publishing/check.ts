// The pre-publication check (Vorabprüfung): what the risk engine found in one of our own drafts, plus the
// organisation's publishing rules, turned into findings with spans, a score and two verdicts: whether a
// second person must approve the draft (Vier-Augen-Prinzip), and whether it must be changed before anyone may.
import type { RiskCategory, RiskResult } from "../risk/risk.types.ts";
import { clampSpan, findPhrase, type TextSpan } from "./phrases.ts";

/** What a finding is about; a closed list the web app translates. */
export const findingCodes = [
  "leak_pii",
  "leak_secret",
  "leak_confidential",
  "toxic",
  "hate",
  "threat",
  "defamation",
  "malicious_link",
  "blocked_phrase",
  "legal_approval",
  "outside_staffed_hours",
  "too_long",
] as const;
export type FindingCode = (typeof findingCodes)[number];

/** The group a finding belongs to, for grouping and colours in the app. */
export type FindingCategory =
  | "data_leak"
  | "wording"
  | "link"
  | "organisation_rule"
  | "staffed_hours"
  | "platform_limit";

/** `block`: change the text first; `warning`: a second look is advised; `info`: good to know. */
export type FindingSeverity = "info" | "warning" | "block";

/** One thing the check found, with the stretches of the text it is about (empty for the whole text). */
export interface Finding {
  code: FindingCode;
  category: FindingCategory;
  severity: FindingSeverity;
  message: { de: string; en: string };
  spans: TextSpan[];
}

/** The organisation's publishing rules (Settings → Publishing rules). */
export interface PublishingRules {
  /** Phrases that must never go out; a draft with one is blocked until it is changed. */
  blockedPhrases: string[];
  /** Promises only legal may make (refunds, compensation, guarantees); a draft with one needs approval. */
  legalApprovalPhrases: string[];
  /** From this score (0..1) a draft needs a second person's approval. */
  approvalThreshold: number;
  /** Whether a draft sent outside the staffed hours needs approval. */
  outsideHoursNeedsApproval: boolean;
  /** Every draft needs a second person's approval (four-eyes for everything; exercises with a team). */
  everyDraftNeedsApproval: boolean;
}

/** Everything the check looks at; all of it computed before (the check is pure). */
export interface CheckInput {
  text: string;
  /** The risk engine's verdicts on the text in outgoing mode, per category. */
  risks: Partial<Record<RiskCategory, RiskResult>>;
  rules: PublishingRules;
  /** Whether now is within the staffed hours; null when the organisation keeps none. */
  withinStaffedHours: boolean | null;
  /** The most characters (graphemes, as people count them) the sending platform takes; absent: no limit known. */
  maxLength?: { characters: number; platform: string } | undefined;
}

/** The verdict on one draft. */
export interface CheckResult {
  findings: Finding[];
  /** 0..1: the highest score of the outgoing risk categories. */
  score: number;
  /** A second person (manager or higher) must approve before it is sent. */
  needsApproval: boolean;
  /** A finding must be fixed first; nobody may approve or send it as it is. */
  blocked: boolean;
}

interface RiskRule {
  code: FindingCode & RiskCategory;
  category: FindingCategory;
  severity: FindingSeverity;
  message: { de: string; en: string };
}

// Credentials, threats, hate and harmful links never leave under the organisation's name; personal data,
// internal matters and sharp wording may be right in a rare case, so a second person decides.
const riskRules: readonly RiskRule[] = [
  {
    code: "leak_secret",
    category: "data_leak",
    severity: "block",
    message: {
      de: "Zugangsdaten oder Schlüssel im Text – niemals veröffentlichen.",
      en: "Credentials or keys in the text – never publish them.",
    },
  },
  {
    code: "leak_pii",
    category: "data_leak",
    severity: "warning",
    message: {
      de: "Personenbezogene Daten (z. B. Telefonnummer, E-Mail, IBAN) – nur senden, wenn die Person zugestimmt hat.",
      en: "Personal data (e.g. phone number, e-mail, IBAN) – send only with the person's consent.",
    },
  },
  {
    code: "leak_confidential",
    category: "data_leak",
    severity: "warning",
    message: {
      de: "Vertrauliches: Vertraulichkeitsvermerk oder ein Begriff der Beobachtungsliste.",
      en: "Confidential matter: a confidentiality marker or a watchlist term.",
    },
  },
  {
    code: "toxic",
    category: "wording",
    severity: "warning",
    message: {
      de: "Beleidigende oder herabsetzende Formulierung.",
      en: "Insulting or demeaning wording.",
    },
  },
  {
    code: "defamation",
    category: "wording",
    severity: "warning",
    message: {
      de: "Tatsachenbehauptung über eine Person, die ehrverletzend sein könnte (§§ 186, 187 StGB).",
      en: "A factual claim about someone that could be defamatory (§§ 186, 187 StGB).",
    },
  },
  {
    code: "hate",
    category: "wording",
    severity: "block",
    message: {
      de: "Abwertung einer Gruppe – so darf nichts veröffentlicht werden.",
      en: "Demeaning a group – nothing like this may be published.",
    },
  },
  {
    code: "threat",
    category: "wording",
    severity: "block",
    message: {
      de: "Drohende Formulierung – so darf nichts veröffentlicht werden.",
      en: "Threatening wording – nothing like this may be published.",
    },
  },
  {
    code: "malicious_link",
    category: "link",
    severity: "block",
    message: {
      de: "Riskanter Link (Nachahmer-Domain, Kurzlink oder gesperrte Adresse).",
      en: "Risky link (lookalike domain, shortener or blocked address).",
    },
  },
];

/** The categories the outgoing check reads; the score is the highest of them. */
export const outgoingCategories: readonly RiskCategory[] = riskRules.map((r) => r.code);

/** The default legal-approval phrases: promises of money or guarantees, German and English (`*`: any ending). */
export const defaultLegalApprovalPhrases: readonly string[] = [
  "kostenlos",
  "gratis",
  "Entschädigung*",
  "entschädigen",
  "erstatten",
  "erstattet",
  "Erstattung*",
  "Rückerstattung*",
  "Gutschrift*",
  "Schadensersatz",
  "Kulanz*",
  "garantieren",
  "garantiert",
  "Garantie*",
  "versprechen",
  "refund*",
  "reimburse*",
  "compensation",
  "compensate",
  "guarantee*",
  "free of charge",
  "we promise",
];

/** The rules an organisation starts with. */
export const defaultPublishingRules: PublishingRules = {
  blockedPhrases: [],
  legalApprovalPhrases: [...defaultLegalApprovalPhrases],
  approvalThreshold: 0.5,
  outsideHoursNeedsApproval: true,
  everyDraftNeedsApproval: false,
};

function cleanSpans(text: string, spans: readonly TextSpan[]): TextSpan[] {
  const seen = new Set<string>();
  const out: TextSpan[] = [];
  for (const span of spans) {
    const clamped = clampSpan(text, span);
    if (!clamped) continue;
    const key = `${clamped.start}:${clamped.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(clamped);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

function phraseSpans(text: string, phrases: readonly string[]): { spans: TextSpan[]; matched: string[] } {
  const spans: TextSpan[] = [];
  const matched: string[] = [];
  for (const phrase of phrases) {
    const found = findPhrase(text, phrase);
    if (found.length === 0) continue;
    matched.push(phrase.trim());
    spans.push(...found);
  }
  return { spans: cleanSpans(text, spans), matched };
}

const quoteList = (phrases: string[]) => phrases.map((p) => `„${p}“`).join(", ");

/** Checks one outgoing text; never throws on any input. */
export function checkOutgoing(input: CheckInput): CheckResult {
  const { text, risks, rules } = input;
  const findings: Finding[] = [];
  let score = 0;
  for (const rule of riskRules) {
    const result = risks[rule.code];
    if (!result) continue;
    const value = Number.isFinite(result.score) ? Math.min(1, Math.max(0, result.score)) : 0;
    score = Math.max(score, value);
    if (!result.flagged && value < rules.approvalThreshold) continue;
    findings.push({
      code: rule.code,
      category: rule.category,
      severity: rule.severity,
      message: rule.message,
      spans: cleanSpans(text, result.spans),
    });
  }

  const blocked = phraseSpans(text, rules.blockedPhrases);
  if (blocked.spans.length > 0) {
    findings.push({
      code: "blocked_phrase",
      category: "organisation_rule",
      severity: "block",
      message: {
        de: `Gesperrte Formulierung: ${quoteList(blocked.matched)}.`,
        en: `Blocked phrase: ${quoteList(blocked.matched)}.`,
      },
      spans: blocked.spans,
    });
  }
  const legal = phraseSpans(text, rules.legalApprovalPhrases);
  if (legal.spans.length > 0) {
    findings.push({
      code: "legal_approval",
      category: "organisation_rule",
      severity: "warning",
      message: {
        de: `Zusage, die die Rechtsabteilung freigeben muss: ${quoteList(legal.matched)}.`,
        en: `A promise legal must approve: ${quoteList(legal.matched)}.`,
      },
      spans: legal.spans,
    });
  }
  const outside = input.withinStaffedHours === false;
  if (outside) {
    findings.push({
      code: "outside_staffed_hours",
      category: "staffed_hours",
      severity: rules.outsideHoursNeedsApproval ? "warning" : "info",
      message: {
        de: "Außerhalb der Servicezeiten: Rückfragen bleiben womöglich bis zum nächsten Arbeitstag liegen.",
        en: "Outside staffed hours: follow-up questions may wait until the next working day.",
      },
      spans: [],
    });
  }

  if (input.maxLength) {
    const cut = graphemeOffset(text, input.maxLength.characters);
    if (cut !== null) {
      const { characters, platform } = input.maxLength;
      findings.push({
        code: "too_long",
        category: "platform_limit",
        severity: "block",
        message: {
          de: `Zu lang für ${platform}: höchstens ${characters} Zeichen; der markierte Rest passt nicht mehr.`,
          en: `Too long for ${platform}: at most ${characters} characters; the marked rest does not fit.`,
        },
        spans: [{ start: cut, end: text.length }],
      });
    }
  }

  score = Math.round(score * 1000) / 1000;
  return {
    findings,
    score,
    needsApproval:
      rules.everyDraftNeedsApproval ||
      score >= rules.approvalThreshold ||
      legal.spans.length > 0 ||
      (outside && rules.outsideHoursNeedsApproval),
    blocked: findings.some((f) => f.severity === "block"),
  };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The UTF-16 offset after the first `count` graphemes, or null when the text has no more than that. */
export function graphemeOffset(text: string, count: number): number | null {
  let seen = 0;
  for (const { index } of graphemes.segment(text)) {
    if (seen === count) return index;
    seen++;
  }
  return null;
}
