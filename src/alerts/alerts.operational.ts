// Operational alerts: causes that are not posts or topics — a conversation missed its service level, an
// incident's deadline runs out. They go through the same alerts, deduplication and channels as rule alerts:
// every enabled rule of the condition kind raises its own (its severity, cooldown and channels); an
// organisation without such a rule still sees one alert in the app.
import type { AlertCandidate } from "../core/alerts/rules.ts";
import type { AppContext } from "../platform/context.ts";
import { enabledRules, type RaiseOutcome, raiseAlert } from "./alerts.service.ts";

type Bilingual = { de: string; en: string };

/** What the inbox or an incident reports. */
export interface OperationalAlertInput {
  trigger: "sla_breach" | "deadline_due";
  /** The cause, e.g. `sla:<conversationId>:first_response`; the same key again folds into the same alert. */
  dedupKey: string;
  /** Used when no rule of the kind exists; a rule brings its own. */
  severity: "info" | "warning" | "critical";
  title: Bilingual;
  explanation: Bilingual;
  figures?: Record<string, number | string>;
  postIds?: string[];
  /** Where the cause is in the app, e.g. `/inbox/<id>`; kept with the alert's figures as `link`. */
  link?: string;
}

/** Cooldown of an alert raised without a rule: a cause repeated within a day is the same alert. */
export const operationalCooldownMinutes = 24 * 60;

/**
 * Raises an operational alert through every enabled rule of its kind (their channels deliver it), or one
 * in-app alert when the organisation has none; deduplicated per `dedupKey` like every other alert.
 */
export async function raiseOperationalAlert(
  ctx: AppContext,
  orgId: string,
  input: OperationalAlertInput,
): Promise<RaiseOutcome[]> {
  const rules = (await enabledRules(ctx, orgId)).filter((rule) => rule.condition.kind === input.trigger);
  const base: Omit<AlertCandidate, "ruleId" | "dedupKey" | "severity"> = {
    topicId: null,
    trigger: input.trigger,
    rank: 0,
    fresh: true,
    title: input.title,
    explanation: input.explanation,
    postIds: input.postIds ?? [],
    figures: { ...input.figures, ...(input.link ? { link: input.link } : {}) },
  };
  if (rules.length === 0) {
    const outcome = await raiseAlert(
      ctx,
      orgId,
      { ...base, ruleId: null, dedupKey: `op:${input.dedupKey}`, severity: input.severity },
      { cooldownMinutes: operationalCooldownMinutes, channelIds: [] },
    );
    return [outcome];
  }
  const outcomes: RaiseOutcome[] = [];
  for (const rule of rules) {
    outcomes.push(
      await raiseAlert(
        ctx,
        orgId,
        { ...base, ruleId: rule.id, dedupKey: `${rule.id}:${input.dedupKey}`, severity: rule.severity },
        rule,
      ),
    );
  }
  return outcomes;
}
