import { type DetectedLanguage, detectLanguage } from "../text/language.ts";
import type { ClassifierModels } from "./classify/classify.load.ts";
import { classifiedCategories } from "./classify/classify.schema.ts";
import { scoreWithSet } from "./classify/classify.score.ts";
import {
  buildLanguageClassifiers,
  classifiersForLanguage,
  type LanguageClassifiers,
} from "./classify/classify.select.ts";
import type { KnownBadHosts } from "./detectors/host-list.ts";
import { type DetectContext, preparePost, runRuleDetectors } from "./detectors/index.ts";
import { DEFAULT_THRESHOLD } from "./detectors/scoring.ts";
import type { OrgRiskConfig, RiskAuthor, RiskCategory, RiskResult, RiskSpan } from "./risk.types.ts";
import { isOfficialHandle, riskCategories, spansOverlap } from "./risk.types.ts";

/** The loaded models, ready to score posts; build once per process. */
export interface RiskEngine {
  readonly classifiers: LanguageClassifiers;
  /** The operating threshold of each language's learned models, by category (rule detectors flag at 0.5). */
  readonly thresholds: Readonly<Record<"de" | "en", Partial<Record<RiskCategory, number>>>>;
}

/** One text to assess. */
export interface AssessInput {
  text: string;
  /** The source's language; detected when absent. */
  lang?: DetectedLanguage | undefined;
  author?: RiskAuthor | undefined;
  /** `outgoing` for the organisation's own drafts (pre-publication check). */
  direction?: "incoming" | "outgoing" | undefined;
}

/** What the engine knows about the organisation it assesses for. */
export interface OrgRiskInputs {
  org: OrgRiskConfig;
  knownBadHosts?: KnownBadHosts | undefined;
}

/** The engine's verdict on one text. */
export interface Assessment {
  lang: DetectedLanguage;
  /** 0..1: what a team should look at first. */
  priority: number;
  risks: Record<RiskCategory, RiskResult>;
}

/** Builds the engine from loaded classifier models. */
export function createRiskEngine(models: ClassifierModels): RiskEngine {
  const classifiers = buildLanguageClassifiers(models);
  const thresholdsOf = (lang: "de" | "en") =>
    Object.fromEntries(classifiers[lang].models.map((model) => [model.category, model.threshold]));
  return { classifiers, thresholds: { de: thresholdsOf("de"), en: thresholdsOf("en") } };
}

const nothing: RiskResult = Object.freeze({ score: 0, flagged: false, spans: [] }) as RiskResult;

// How much each category matters when a team decides what to look at first: danger to people and
// systems first (threats, credentials, malware), then legal exposure, then service, then chances.
const priorityWeight: Record<RiskCategory, number> = {
  threat: 1,
  leak_secret: 1,
  malicious_link: 0.95,
  leak_pii: 0.9,
  defamation: 0.9,
  impersonation: 0.9,
  leak_confidential: 0.85,
  hate: 0.85,
  scam: 0.8,
  toxic: 0.6,
  complaint: 0.55,
  opportunity_lead: 0.45,
  opportunity_question: 0.4,
  opportunity_recruiting: 0.35,
  negative: 0.3,
  opportunity_praise: 0.2,
  fact_claim: 0.1,
};

/**
 * Defamation (§§ 186, 187 StGB) needs a factual claim: only a negative assertion of fact about the
 * organisation or its people can be üble Nachrede or Verleumdung; a value judgement is at most an
 * insult (§ 185). So the rule signal for an accusation tied to the organisation is confirmed by the
 * learned fact-claim and negativity scores rather than by toxicity.
 */
function combineDefamation(accusation: RiskResult, factClaim: RiskResult, negative: RiskResult): RiskResult {
  if (accusation.score === 0) return nothing;
  const support = Math.max(factClaim.score, negative.score);
  const score = accusation.score * (0.6 + 0.4 * support);
  return { score, flagged: score >= 0.5, spans: accusation.spans };
}

/**
 * Threats: the rules (a matched phrase, or cues of an act, a target and an intent) and the learned model (the
 * written threats of scripts/train/data). The model's score is mapped onto the rules' scale, its operating
 * threshold onto theirs (0.5), so that one score says how sure the engine is and either may flag; the rules'
 * spans come first, as they name the phrase, the model's name the words that raised its score.
 */
export function combineThreat(
  rules: RiskResult,
  learned: RiskResult | undefined,
  threshold: number,
): RiskResult {
  if (learned === undefined || learned.score === 0) return rules;
  const mapped = onRuleScale(learned.score, threshold);
  if (mapped <= rules.score) return rules;
  const spans = [...rules.spans];
  for (const span of learned.spans) if (!overlapsAny(spans, spans.length, span)) spans.push(span);
  return { score: mapped, flagged: rules.flagged || learned.flagged, spans };
}

/**
 * A learned model's probability on the rules' scale, where 0.5 is the operating threshold: `threshold` maps to
 * 0.5, below it linearly to [0, 0.5), above it to [0.5, 1]. Rounded to three places as the rules' scores are;
 * a score below the threshold never rounds up to 0.5.
 */
export function onRuleScale(score: number, threshold: number): number {
  const t = Math.min(0.99, Math.max(0.01, threshold));
  return score < t
    ? Math.min(0.499, Math.round((500 * score) / t) / 1000)
    : Math.round(1000 * (0.5 + (0.5 * (score - t)) / (1 - t))) / 1000;
}

/**
 * The priority: the most pressing category, weighted; an unflagged score counts half. A learned category's
 * score is read on the rules' scale (`onRuleScale` with its model's threshold in `thresholds`), so that a
 * complaint just over its model's threshold of 0.33 does not rank below a question the rules flag at 0.5.
 */
export function priorityOf(
  risks: Record<RiskCategory, RiskResult>,
  thresholds: Partial<Record<RiskCategory, number>> = {},
): number {
  let priority = 0;
  for (const category of riskCategories) {
    const r = risks[category];
    // The threat result is already on the rules' scale (`combineThreat`), whatever its model's threshold.
    const threshold = thresholds[category];
    const score =
      threshold === undefined || category === "threat" ? r.score : onRuleScale(r.score, threshold);
    priority = Math.max(priority, priorityWeight[category] * score * (r.flagged ? 1 : 0.5));
  }
  return Math.round(priority * 1000) / 1000;
}

/**
 * Categories about other people's posts: a customer's complaint and the chances to answer someone. The
 * organisation's own posts (its official accounts, its drafts) are scored 0 in them, so a support reply
 * ("sorry to hear that, please DM us") is neither a complaint nor a question waiting for an answer.
 */
export const othersOnly = [
  "complaint",
  "opportunity_question",
  "opportunity_praise",
  "opportunity_lead",
  "opportunity_recruiting",
] as const satisfies readonly RiskCategory[];

/** Whether the text is the organisation's own: a draft checked before publishing, or a post of an official account. */
function isOwnPost(input: AssessInput, org: OrgRiskConfig): boolean {
  if (input.direction === "outgoing") return true;
  return (
    input.author !== undefined &&
    isOfficialHandle(org.officialAccounts, input.author.platform, input.author.handle)
  );
}

/** Whether `span` overlaps one of the first `count` spans of `spans`. */
function overlapsAny(spans: readonly RiskSpan[], count: number, span: RiskSpan): boolean {
  for (let i = 0; i < count; i++) {
    if (spansOverlap(spans[i] as RiskSpan, span)) return true;
  }
  return false;
}

/** Assesses one text for every risk and chance; never throws on any string. */
export function assessPost(engine: RiskEngine, input: AssessInput, inputs: OrgRiskInputs): Assessment {
  const prepared = preparePost(input.text);
  const visible = prepared.visible;
  const lang = input.lang ?? detectLanguage(visible.text);
  const learned = scoreWithSet(classifiersForLanguage(engine.classifiers, lang), visible.text, {
    explain: "flagged",
  });
  const ctx: DetectContext = { lang, org: inputs.org, prepared };
  if (input.author) ctx.author = input.author;
  if (input.direction) ctx.direction = input.direction;
  if (inputs.knownBadHosts) ctx.knownBadHosts = inputs.knownBadHosts;
  const rules = runRuleDetectors(input.text, ctx);
  const risks = {} as Record<RiskCategory, RiskResult>;
  for (const category of classifiedCategories) {
    const result = learned[category];
    if (result === undefined) {
      risks[category] = { score: nothing.score, flagged: nothing.flagged, spans: [] };
      continue;
    }
    // Learned spans point into the visible text; map them back to the original. The results and
    // their spans are fresh objects of this post, so they are updated in place. Two words of the visible
    // text can come from one character ("¼" reads "1⁄4"): a span that lands on an earlier, stronger one is
    // dropped, so the original is marked once, as the explanation marks words without overlap.
    let kept = 0;
    for (const span of result.spans) {
      const mapped = visible.toOriginalSpan(span.start, span.end);
      span.start = mapped.start;
      span.end = mapped.end;
      if (!overlapsAny(result.spans, kept, span)) result.spans[kept++] = span;
    }
    result.spans.length = kept;
    risks[category] = result;
  }
  risks.leak_pii = rules.leak_pii;
  risks.leak_secret = rules.leak_secret;
  risks.leak_confidential = rules.leak_confidential;
  risks.malicious_link = rules.malicious_link;
  risks.impersonation = rules.impersonation;
  risks.scam = rules.scam;
  const thresholds = engine.thresholds[lang === "de" ? "de" : "en"];
  risks.threat = combineThreat(rules.threat, learned.threat, thresholds.threat ?? DEFAULT_THRESHOLD);
  risks.opportunity_question = rules.opportunity_question;
  risks.opportunity_praise = rules.opportunity_praise;
  risks.opportunity_lead = rules.opportunity_lead;
  risks.opportunity_recruiting = rules.opportunity_recruiting;
  risks.defamation = combineDefamation(rules.factual_accusation, risks.fact_claim, risks.negative);
  if (isOwnPost(input, inputs.org)) {
    for (const category of othersOnly) risks[category] = { score: 0, flagged: false, spans: [] };
  }
  return { lang, priority: priorityOf(risks, thresholds), risks };
}
