import type { Severity } from "../../incidents/incidents.schema.ts";

/**
 * The severity suggested for an incident opened while its topic stands at an escalation level of the
 * Shitstorm-Skala (0–6): level 5 and above (storm reaching the wider public) SEV1, level 4 SEV2,
 * levels 2–3 (criticism gathering) SEV3, below that SEV4. The person opening the incident may change it.
 */
export function suggestSeverity(level: number | null | undefined): Severity {
  if (level === null || level === undefined || !Number.isFinite(level)) return "sev4";
  if (level >= 5) return "sev1";
  if (level >= 4) return "sev2";
  if (level >= 2) return "sev3";
  return "sev4";
}
