import { describe, expect, it } from "vitest";
import { alertTriggers } from "../../../src/alerts/alerts.schema.ts";
import { defaultCondition, describeCondition, isConditionValid, numberFromInput } from "./ruleCondition.ts";

const weekly = {
  kind: "report_digest",
  frequency: "weekly",
  weekday: 1,
  hour: 8,
  timeZone: "Europe/Berlin",
} as const;

describe("rule conditions", () => {
  it("offers every kind the API knows, each with a default the API accepts", () => {
    expect(alertTriggers).toEqual([
      "level_reached",
      "anomaly",
      "risk_count",
      "priority_post",
      "account_takeover",
      "sla_breach",
      "deadline_due",
      "report_digest",
    ]);
    for (const kind of alertTriggers) {
      const condition = defaultCondition(kind);
      expect(condition.kind).toBe(kind);
      expect(isConditionValid(condition)).toBe(true);
    }
  });

  it("holds back operational conditions with thresholds they do not have", () => {
    expect(isConditionValid({ kind: "sla_breach" })).toBe(true);
    expect(isConditionValid({ kind: "sla_breach", minPriority: 0.5 } as never)).toBe(false);
  });

  it("holds back values the API would refuse", () => {
    expect(isConditionValid({ kind: "level_reached", minLevel: 0 })).toBe(false);
    expect(isConditionValid({ kind: "anomaly", minScore: 0.3 })).toBe(false);
    expect(isConditionValid({ kind: "priority_post", minPriority: Number.NaN })).toBe(false);
    expect(isConditionValid({ kind: "risk_count", category: "threat", count: 2.5, windowMinutes: 30 })).toBe(
      false,
    );
  });

  it("holds back a report schedule with an unknown time zone or hour", () => {
    expect(isConditionValid(weekly)).toBe(true);
    expect(isConditionValid({ ...weekly, timeZone: "Europe/Hamburg" })).toBe(false);
    expect(isConditionValid({ ...weekly, hour: 24 })).toBe(false);
    expect(isConditionValid({ ...weekly, weekday: 0 })).toBe(false);
  });

  it("puts a report schedule into words with the weekday in the UI language", () => {
    const t = (key: string, options?: Record<string, unknown>) => `${key} ${JSON.stringify(options)}`;
    expect(describeCondition(weekly, t, "de")).toBe(
      'alerts.rules.describe.report_weekly {"weekday":"Montag","hour":"08","zone":"Europe/Berlin"}',
    );
    expect(describeCondition({ ...weekly, weekday: 7, frequency: "daily", hour: 17 }, t, "en")).toBe(
      'alerts.rules.describe.report_daily {"hour":"17","zone":"Europe/Berlin"}',
    );
    expect(describeCondition({ ...weekly, weekday: 7 }, t, "en")).toContain('"weekday":"Sunday"');
  });

  it("reads number fields, an empty or partial entry as not a number", () => {
    expect(numberFromInput(4)).toBe(4);
    expect(numberFromInput("0.75")).toBe(0.75);
    expect(numberFromInput(" ")).toBeNaN();
    expect(numberFromInput("0,")).toBeNaN();
  });

  it("puts a condition into words with its figures", () => {
    const t = (key: string, options?: Record<string, unknown>) =>
      options ? `${key} ${JSON.stringify(options)}` : key;
    expect(describeCondition({ kind: "level_reached", minLevel: 4 }, t, "en")).toBe(
      'alerts.rules.describe.level_reached {"level":4}',
    );
    expect(describeCondition({ kind: "anomaly", minScore: 0.75 }, t, "de")).toBe(
      'alerts.rules.describe.anomaly {"score":"0,75"}',
    );
    expect(
      describeCondition({ kind: "risk_count", category: "threat", count: 3, windowMinutes: 15 }, t, "en"),
    ).toBe('alerts.rules.describe.risk_count {"count":3,"category":"risk.categories.threat","minutes":15}');
    expect(describeCondition({ kind: "account_takeover" }, t, "de")).toBe(
      "alerts.rules.describe.account_takeover",
    );
    expect(describeCondition({ kind: "sla_breach" }, t, "de")).toBe("inbox.operational.describe.sla_breach");
    expect(describeCondition({ kind: "deadline_due" }, t, "en")).toBe(
      "inbox.operational.describe.deadline_due",
    );
  });
});
