/** The risks and chances every post is assessed for (the keys of an assessment's `risks`). */
export const riskCategories = [
  "toxic",
  "hate",
  "threat",
  "negative",
  "complaint",
  "fact_claim",
  "defamation",
  "leak_pii",
  "leak_secret",
  "leak_confidential",
  "malicious_link",
  "impersonation",
  "scam",
  "opportunity_question",
  "opportunity_praise",
  "opportunity_lead",
  "opportunity_recruiting",
] as const;
export type RiskCategory = (typeof riskCategories)[number];

/** A stretch of the original text that raised a score, with the reason in a stable code. */
export interface RiskSpan {
  /** Start offset in the original text, in UTF-16 code units (JavaScript string index). */
  start: number;
  /** End offset (exclusive), in UTF-16 code units. */
  end: number;
  /** Stable code of the rule or feature, e.g. `pii.iban`, `link.lookalike.omission`, `model.toxic`. */
  reason: string;
  /** Human-readable detail, e.g. the domain a lookalike imitates or the weight of a feature. */
  detail?: string;
}

/** Whether two spans share a code unit (offsets are half-open: `end` is exclusive). */
export function spansOverlap(
  a: Pick<RiskSpan, "start" | "end">,
  b: Pick<RiskSpan, "start" | "end">,
): boolean {
  return a.start < b.end && b.start < a.end;
}

/** One category's verdict. */
export interface RiskResult {
  /** 0..1; comparable across posts of the same category. */
  score: number;
  /** Whether the score passes the category's operating threshold. */
  flagged: boolean;
  /** What raised the score; empty when nothing did. */
  spans: RiskSpan[];
}

/** An official account of the organisation (registry), never itself an impersonator. */
export interface OfficialAccount {
  /** Platform name, or undefined for "any platform". */
  platform?: string;
  /** Handle without the leading @. */
  handle: string;
  displayName?: string;
}

/** Whether a registry entry covers a platform: an entry without one covers all, an unknown (empty) platform any entry. */
export function coversPlatform(
  account: Pick<OfficialAccount, "platform">,
  platform: string | undefined,
): boolean {
  return !account.platform || !platform || account.platform.toLowerCase() === platform.toLowerCase();
}

/** A handle as the registry compares it: without a leading @, in lower case. */
export function normalHandle(handle: string): string {
  return handle.replace(/^@/u, "").toLowerCase();
}

/**
 * Whether `handle` on `platform` is one of the organisation's official accounts — the one test of the
 * registry that the risk engine (impersonation, own posts), the inbox, the escalation and Mentions share.
 */
export function isOfficialHandle(
  accounts: readonly Pick<OfficialAccount, "platform" | "handle">[],
  platform: string | undefined,
  handle: string,
): boolean {
  return officialAccountOf(accounts, platform, handle) !== undefined;
}

/** The registry entry that `handle` on `platform` is, if it is an official account. */
export function officialAccountOf<T extends Pick<OfficialAccount, "platform" | "handle">>(
  accounts: readonly T[],
  platform: string | undefined,
  handle: string,
): T | undefined {
  const wanted = normalHandle(handle);
  return accounts.find((a) => coversPlatform(a, platform) && normalHandle(a.handle) === wanted);
}

/** How alerts and incidents name a registry entry: "@nordwind_hilfe", "@nordwindmobil (x)". */
export function officialAccountLabel(account: Pick<OfficialAccount, "platform" | "handle">): string {
  return `@${normalHandle(account.handle)}${account.platform ? ` (${account.platform})` : ""}`;
}

/** What the engine knows about the organisation it assesses for. */
export interface OrgRiskConfig {
  /** Brand and company names, e.g. "Nordwind", "Nordwind Mobil". */
  brandNames: string[];
  /** The organisation's own domains, e.g. "nordwind-mobil.de". */
  domains: string[];
  /** Official accounts (registry). */
  officialAccounts: OfficialAccount[];
  /** Names of executives and spokespeople. */
  executives: string[];
  /** Code names, unreleased products, internal host names that must not leak. */
  watchlist: string[];
}

/** The author of a post, as far as the engine needs it. */
export interface RiskAuthor {
  handle: string;
  displayName?: string;
  platform?: string;
}

/** Name and version of the assessment the engine writes; stored with each assessment. */
export const riskEngineVersion = "risk@1";
