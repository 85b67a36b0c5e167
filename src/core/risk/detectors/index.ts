import type { RiskCategory, RiskResult } from "../risk.types.ts";
import { detectConfidential } from "./confidential.ts";
import { detectFactualAccusation } from "./defamation.ts";
import { type DetectContext, preparePost } from "./detect-context.ts";
import { detectImpersonation } from "./impersonation.ts";
import { detectMaliciousLinks } from "./malicious-link.ts";
import { detectOpportunities } from "./opportunities.ts";
import { detectPii } from "./pii.ts";
import { detectScamWithLinkRisk } from "./scam.ts";
import { detectSecrets } from "./secrets.ts";
import { detectThreat } from "./threat.ts";

export { detectConfidential } from "./confidential.ts";
export { detectFactualAccusation } from "./defamation.ts";
export { type DetectContext, type PreparedPost, preparePost, type Word } from "./detect-context.ts";
export { findKnownBadHost, type KnownBadHosts, parseHostList } from "./host-list.ts";
export { detectImpersonation } from "./impersonation.ts";
export type { FoundLink } from "./links.ts";
export { detectLookalikeDomain, type LookalikeFamily } from "./lookalike-domain.ts";
export { detectMaliciousLinks } from "./malicious-link.ts";
export { detectOpportunities, type OpportunityResults } from "./opportunities.ts";
export { indexOrg } from "./org-index.ts";
export { detectPii, isValidSteuerId, passesLuhn } from "./pii.ts";
export { detectScam } from "./scam.ts";
export { detectSecrets, shannonEntropy } from "./secrets.ts";
export { editDistance, skeleton } from "./skeleton.ts";
export { detectThreat } from "./threat.ts";
export { foldVisibleText, prepareVisibleText, type VisibleText } from "./visible-text.ts";

/** The categories the rule-based detectors score; the learned classifiers and the lead's engine do the rest. */
export type RuleCategory = Extract<
  RiskCategory,
  | "leak_pii"
  | "leak_secret"
  | "leak_confidential"
  | "malicious_link"
  | "impersonation"
  | "scam"
  | "threat"
  | "opportunity_question"
  | "opportunity_praise"
  | "opportunity_lead"
  | "opportunity_recruiting"
>;

/** The rule-based results of one post, plus the factual-accusation signal for `defamation`. */
export type RuleResults = Record<RuleCategory, RiskResult> & { factual_accusation: RiskResult };

/** Runs every rule-based detector on a post, preparing the text and links once. */
export function runRuleDetectors(text: string, ctx: DetectContext): RuleResults {
  // The caller's context serves as it is when it already holds this text's prepared post.
  const shared: DetectContext =
    ctx.prepared?.original === text ? ctx : { ...ctx, prepared: preparePost(text) };
  const maliciousLink = detectMaliciousLinks(text, shared);
  const leakPii = detectPii(text, shared);
  const leakSecret = detectSecrets(text, shared);
  const leakConfidential = detectConfidential(text, shared);
  const impersonation = detectImpersonation(text, shared);
  const scam = detectScamWithLinkRisk(text, shared, maliciousLink);
  const threat = detectThreat(text, shared);
  const opportunities = detectOpportunities(text, shared);
  return {
    leak_pii: leakPii,
    leak_secret: leakSecret,
    leak_confidential: leakConfidential,
    malicious_link: maliciousLink,
    impersonation,
    scam,
    threat,
    opportunity_question: opportunities.opportunity_question,
    opportunity_praise: opportunities.opportunity_praise,
    opportunity_lead: opportunities.opportunity_lead,
    opportunity_recruiting: opportunities.opportunity_recruiting,
    factual_accusation: detectFactualAccusation(text, shared),
  };
}
