import { describe, expect, it } from "vitest";
import type { AlertDeliveryRead, AlertRead } from "../../../src/alerts/alerts.schema.ts";
import { alertStateFilterFromSearch, nextAlertStates, sortAlerts, sortDeliveries } from "./alertDisplay.ts";

function alert(id: string, createdAt: string, state: AlertRead["state"] = "open"): AlertRead {
  return {
    id,
    topicId: "t_netz",
    ruleId: "r_1",
    trigger: "level_reached",
    state,
    severity: "warning",
    title: { de: "Netzausfall: Stufe 4", en: "Network outage: level 4" },
    explanation: {
      de: "Stufe 4: 7,3× normales Volumen, 81 % negativ",
      en: "level 4: 7.3× normal volume, 81 % negative",
    },
    postIds: ["p_1", "p_2"],
    link: null,
    occurrences: 1,
    createdAt,
    lastSeenAt: createdAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    deliveries: [],
  };
}

function delivery(channelName: string, state: AlertDeliveryRead["state"]): AlertDeliveryRead {
  const failed = state === "failed";
  return {
    id: `d_${channelName}`,
    channelId: `c_${channelName}`,
    channelName,
    kind: "slack",
    state,
    attempts: failed ? 5 : 1,
    lastError: failed ? "HTTP 500 from hooks.example.com" : null,
    nextAttemptAt: state === "pending" ? "2025-11-25T12:01:00Z" : null,
    sentAt: state === "sent" ? "2025-11-25T12:00:01Z" : null,
  };
}

describe("sortAlerts", () => {
  it("lists the newest first and each alert once", () => {
    const items = [
      alert("a_1", "2025-11-25T10:00:00Z"),
      alert("a_3", "2025-11-25T12:00:00Z"),
      alert("a_2", "2025-11-25T11:00:00Z", "acknowledged"),
      alert("a_2", "2025-11-25T11:00:00Z", "open"),
    ];
    const sorted = sortAlerts(items);
    expect(sorted.map((a) => a.id)).toEqual(["a_3", "a_2", "a_1"]);
    expect(sorted[1]?.state).toBe("acknowledged");
  });

  it("orders alerts of the same instant by id, the later first", () => {
    const at = "2025-11-25T10:00:00Z";
    expect(sortAlerts([alert("a_1", at), alert("a_2", at)]).map((a) => a.id)).toEqual(["a_2", "a_1"]);
  });
});

describe("nextAlertStates", () => {
  it.each([
    ["open", ["acknowledged", "resolved"]],
    ["acknowledged", ["resolved", "open"]],
    ["resolved", ["open"]],
  ] as const)("offers for %s: %j", (state, next) => {
    expect(nextAlertStates(state)).toEqual(next);
  });
});

describe("alertStateFilterFromSearch", () => {
  it("reads a known state and falls back to all", () => {
    expect(alertStateFilterFromSearch(new URLSearchParams("state=acknowledged"))).toBe("acknowledged");
    expect(alertStateFilterFromSearch(new URLSearchParams("state=closed"))).toBe("all");
    expect(alertStateFilterFromSearch(new URLSearchParams())).toBe("all");
  });
});

describe("sortDeliveries", () => {
  it("shows failed deliveries first, then pending, then sent", () => {
    const sorted = sortDeliveries([
      delivery("Slack", "sent"),
      delivery("Teams", "pending"),
      delivery("Webhook", "failed"),
      delivery("E-Mail", "failed"),
    ]);
    expect(sorted.map((d) => d.channelName)).toEqual(["E-Mail", "Webhook", "Teams", "Slack"]);
  });
});
