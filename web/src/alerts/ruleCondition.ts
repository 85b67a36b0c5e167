import { AlertCondition, type AlertTrigger } from "../../../src/alerts/alerts.schema.ts";

/**
 * A sensible start for each kind: level 3 (the first level measured against normal; levels 1-2 are the
 * everyday state of a big brand, docs/ESCALATION.md), a clear anomaly, ten complaints an hour, an urgent post;
 * the operational kinds (service-level breaches, deadlines) have nothing to set; the situation report goes out
 * on Mondays at 08:00 in the browser's time zone.
 */
export function defaultCondition(kind: AlertTrigger): AlertCondition {
  switch (kind) {
    case "level_reached":
      return { kind, minLevel: 3 };
    case "anomaly":
      return { kind, minScore: 0.7 };
    case "risk_count":
      return { kind, category: "complaint", count: 10, windowMinutes: 60 };
    case "priority_post":
      return { kind, minPriority: 0.7 };
    case "account_takeover":
    case "sla_breach":
    case "deadline_due":
      return { kind };
    case "report_digest":
      return { kind, frequency: "weekly", weekday: 1, hour: 8, timeZone: browserTimeZone() };
  }
}

/** The browser's IANA time zone, Europe/Berlin where it tells none. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "Europe/Berlin";
}

/** A weekday's name (1 = Monday … 7 = Sunday) in the UI language. */
export function weekdayName(weekday: number, lang: string): string {
  // 5 January 2026 was a Monday.
  return new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2026, 0, 4 + weekday)),
  );
}

/** Whether the server would accept the condition (same zod schema), so the form can hold back a doomed save. */
export function isConditionValid(condition: AlertCondition): boolean {
  return AlertCondition.safeParse(condition).success;
}

/** A number field's value: what Mantine's NumberInput reports, with an empty or partial entry as NaN. */
export function numberFromInput(value: number | string): number {
  if (typeof value === "number") return value;
  return value.trim() === "" ? Number.NaN : Number(value);
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The condition in words, e.g. "Escalation level 4 or higher"; `t` translates, `lang` formats numbers. */
export function describeCondition(condition: AlertCondition, t: Translate, lang: string): string {
  const decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  switch (condition.kind) {
    case "level_reached":
      return t("alerts.rules.describe.level_reached", { level: condition.minLevel });
    case "anomaly":
      return t("alerts.rules.describe.anomaly", { score: decimal.format(condition.minScore) });
    case "risk_count":
      return t("alerts.rules.describe.risk_count", {
        count: condition.count,
        category: t(`risk.categories.${condition.category}`),
        minutes: condition.windowMinutes,
      });
    case "priority_post":
      return t("alerts.rules.describe.priority_post", { priority: decimal.format(condition.minPriority) });
    case "account_takeover":
      return t("alerts.rules.describe.account_takeover");
    case "sla_breach":
    case "deadline_due":
      return t(`inbox.operational.describe.${condition.kind}`);
    case "report_digest":
      return condition.frequency === "weekly"
        ? t("alerts.rules.describe.report_weekly", {
            weekday: weekdayName(condition.weekday, lang),
            hour: String(condition.hour).padStart(2, "0"),
            zone: condition.timeZone,
          })
        : t("alerts.rules.describe.report_daily", {
            hour: String(condition.hour).padStart(2, "0"),
            zone: condition.timeZone,
          });
  }
}
