import type { OrgRiskConfig, RiskResult } from "../risk.types.ts";
import type { DetectContext } from "./detect-context.ts";

/** The org the detector tests assess for: a fictional German mobile provider. */
export const nordwind: OrgRiskConfig = {
  brandNames: ["Nordwind", "Nordwind Mobil"],
  domains: ["nordwind-mobil.de", "nordwind.group"],
  officialAccounts: [
    { platform: "x", handle: "nordwind_mobil", displayName: "Nordwind Mobil" },
    { platform: "mastodon", handle: "nordwind", displayName: "Nordwind Mobil Service" },
  ],
  executives: ["Dr. Anna Berg", "Jonas Keller"],
  watchlist: ["Projekt Falke", "Sturmvogel", "Möwe", "*.corp.nordwind-mobil.de", "intranet"],
};

/** A detection context for the test org, with overrides. */
export function contextFor(overrides: Partial<DetectContext> = {}): DetectContext {
  return { lang: "de", org: nordwind, direction: "incoming", ...overrides };
}

/** The result's spans as `reason: original text` pairs, the form table tests compare. */
export function spanTexts(text: string, result: RiskResult): string[] {
  return result.spans.map((span) => `${span.reason}: ${text.slice(span.start, span.end)}`);
}

/** The result's reason codes, without duplicates. */
export function reasons(result: RiskResult): string[] {
  return [...new Set(result.spans.map((span) => span.reason))];
}
