import type { ConversationSummary } from "../../../src/inbox/inbox.schema.ts";

/** What the list's service-level badge says: answered in time, due in some minutes, or missed. */
export type SlaState =
  | { kind: "breached" }
  | { kind: "due"; minutes: number; target: "first_response" | "resolution" }
  | { kind: "met" };

/** The badge state of a conversation at `nowMs`: the first response until it came, then the resolution. */
export function slaState(c: Pick<ConversationSummary, "status" | "sla">, nowMs: number): SlaState {
  const { sla } = c;
  if (sla.firstResponseBreached && !sla.firstRespondedAt) return { kind: "breached" };
  if (c.status === "done") return sla.resolutionBreached ? { kind: "breached" } : { kind: "met" };
  const target = sla.firstRespondedAt ? "resolution" : "first_response";
  const due = Date.parse(target === "first_response" ? sla.firstResponseDueAt : sla.resolutionDueAt);
  if (due <= nowMs || (target === "resolution" && sla.resolutionBreached)) return { kind: "breached" };
  return { kind: "due", minutes: Math.ceil((due - nowMs) / 60_000), target };
}

/** Minutes as "23 min", "4 h 5 min" or "2 d 3 h" (language-neutral units the texts wrap). */
export function formatDuration(minutes: number): { days: number; hours: number; minutes: number } {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return { days, hours, minutes: Math.round(minutes % 60) };
}
