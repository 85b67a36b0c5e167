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

/** Reason codes of `detectFactualAccusation`. */
export type AccusationReason =
  | "accusation.fraud"
  | "accusation.lying"
  | "accusation.embezzlement"
  | "accusation.forgery"
  | "accusation.bribery"
  | "accusation.cover_up"
  | "accusation.illegal"
  | "accusation.data_selling"
  | "accusation.theft"
  | "accusation.target"
  | "accusation.assertion";

// German criminal law separates insult (Beleidigung, § 185 StGB: a value judgement, "Abzocker")
// from üble Nachrede (§ 186: asserting an unproven fact that degrades someone) and Verleumdung
// (§ 187: asserting a fact one knows to be false). Only a factual claim — something that could be
// proven true or false ("hat Kundengelder unterschlagen") — can be defamation; these rules look
// for such claims of wrongdoing, in the verb forms that state a fact. Folded text.
const accusationRules: readonly PhraseRule[] = [
  {
    reason: "accusation.fraud",
    pattern:
      "\\b(?:betrogen|betruegen|betruegt|betrug|betrueger|abgezockt|scammed|scamming|scams|defrauded|fraud|fraudulent|ripped (?:us |me |people |customers )?off)\\b",
    weight: 0.5,
  },
  {
    reason: "accusation.lying",
    pattern:
      "\\b(?:gelogen|luegt|luegen|belogen|lied (?:to|about)|is lying|are lying|lying about|lies about)\\b",
    weight: 0.45,
  },
  {
    reason: "accusation.embezzlement",
    pattern:
      "\\b(?:unterschlagen|unterschlaegt|veruntreut|veruntreuung|unterschlagung|embezzl\\w+|misappropriat\\w+|steuern hinterzogen|steuerhinterziehung|hinterzieht|tax evasion|evaded taxes|geldwaesche|money laundering|launder\\w*)\\b",
    weight: 0.6,
  },
  {
    reason: "accusation.forgery",
    pattern:
      "\\b(?:gefaelscht|faelscht|faelschen|manipuliert|geschoent|falsified|forged|faked|cooked the books|cooking the books|doctored)\\b",
    weight: 0.55,
  },
  {
    reason: "accusation.bribery",
    pattern:
      "\\b(?:bestochen|besticht|bestechung|schmiergeld\\w*|korrupt|korruption|bribed|bribes|bribery|kickbacks?|corrupt)\\b",
    weight: 0.55,
  },
  {
    reason: "accusation.cover_up",
    pattern:
      "\\b(?:vertuscht|vertuschen|vertuschung|verschleiert|covered up|covering up|cover-up|cover up)\\b",
    weight: 0.5,
  },
  {
    reason: "accusation.illegal",
    pattern:
      "\\b(?:illegal|illegale[nrs]?|rechtswidrig|kriminell|strafbar|gesetzwidrig|illegally|unlawful(?:ly)?|criminal)\\b",
    weight: 0.35,
  },
  {
    reason: "accusation.data_selling",
    pattern:
      "\\b(?:verkauf(?:t|en|te|ten)?|verhoekert|weitergegeben|weitergeben|sell(?:s|ing)?|sold|leak(?:s|ed)?)(?: \\w+){0,3}? (?:kundendaten|nutzerdaten|daten|customer data|user data|personal data|our data|your data)\\b|\\b(?:kundendaten|daten|customer data|user data) (?:\\w+ ){0,2}?(?:verkauft|weitergegeben|verhoekert|sold|leaked)\\b",
    weight: 0.6,
  },
  {
    reason: "accusation.theft",
    pattern: "\\b(?:gestohlen|stiehlt|stehlen|geklaut|klaut|klauen|steals|stealing|stole|stolen|theft)\\b",
    weight: 0.45,
  },
];
const matchAccusations = compilePhraseRules(accusationRules);
// Markers of an asserted fact ("Fakt ist", "nachweislich", "I have proof") versus hedges that make
// a claim a question or an opinion ("ich glaube", "angeblich", "?"), which the lead may weigh.
const assertionMarker =
  /\b(?:fakt ist|nachweislich|erwiesenermassen|beweis|beweise|belege|es ist bewiesen|ich habe (?:beweise|belege)|dokumente zeigen|it is a fact|fact is|proven|proof|evidence shows|documents show|i have proof)\b/;
const hedgeMarker =
  /\b(?:vielleicht|angeblich|moeglicherweise|ich glaube|ich denke|koennte|vermutlich|geruecht|geruechten|stimmt es|maybe|allegedly|reportedly|i think|i believe|might|rumou?rs?|is it true)\b|\?/;
// The org spoken to in the second person ("ihr habt … betrogen", "you scammed") also ties a claim to it.
const secondPerson = /\b(?:ihr habt|ihr seid|ihr|you have|you've|you guys|you)\b/;
const secondPersonPossessive = /\b(?:euer|eure|euren|eurem|sie haben|your)\b/;

/**
 * A helper signal for `defamation` (§§ 186–187 StGB): a negative factual claim — fraud, lying,
 * embezzlement, forgery, bribery, cover-up, selling customer data, theft — tied to the org's
 * names, executives or accounts (or the org addressed as "ihr"/"you"). Untied claims score low.
 */
export function detectFactualAccusation(text: string, ctx: DetectContext): RiskResult {
  const prepared = preparedFor(text, ctx);
  const folded = prepared.folded;
  const accusations = matchesToSpans(matchAccusations(folded.text, prepared.words), folded);
  if (accusations.length === 0) return toResult([]);
  const org = indexOrg(ctx.org);
  const found: WeightedSpan[] = [];
  for (const hit of findPhrases(prepared.words, org.names)) {
    const first = prepared.words[hit.first];
    const last = prepared.words[hit.end - 1];
    if (!first || !last) continue;
    found.push(spanOf(folded, first.start, last.end, "accusation.target", 0.25, hit.phrase.term));
  }
  const tiedByName = found.length > 0;
  const addressed = secondPerson.test(folded.text);
  const tied = tiedByName || addressed || secondPersonPossessive.test(folded.text);
  // Untied, a claim is about someone else and is not this org's defamation risk.
  const scale = tiedByName || addressed ? 1 : tied ? 0.8 : 0.4;
  const hedged = hedgeMarker.test(folded.text);
  for (const accusation of accusations) {
    accusation.weight *= scale * (hedged ? 0.7 : 1);
    found.push(accusation);
  }
  const assertion = assertionMarker.exec(folded.text);
  if (assertion && tied) {
    found.push(
      spanOf(folded, assertion.index, assertion.index + assertion[0].length, "accusation.assertion", 0.3),
    );
  }
  if (!tied) for (const span of found) span.weight = Math.min(span.weight, 0.2);
  return toResult(found);
}
