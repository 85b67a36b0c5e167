import type {
  AlertDeliveryRead,
  AlertRead,
  AlertSeverity,
  AlertState,
} from "../../../src/alerts/alerts.schema.ts";

/** The state filters of the Alerts page; `all` sets none. */
export const alertStateFilters = ["all", "open", "acknowledged", "resolved"] as const;
export type AlertStateFilter = (typeof alertStateFilters)[number];

/** Reads the state filter from the URL (`?state=open`); anything else shows all alerts. */
export function alertStateFilterFromSearch(params: URLSearchParams): AlertStateFilter {
  return alertStateFilters.find((filter) => filter === params.get("state")) ?? "all";
}

/** Newest first; for alerts raised in the same instant, the later id first. Also drops repeats of one alert. */
export function sortAlerts(items: readonly AlertRead[]): AlertRead[] {
  const byId = new Map<string, AlertRead>();
  // The first occurrence wins: when polling shifts an alert between pages, the fresher first page has it.
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
}

/** What can be done with an alert in a state: acknowledge or resolve an open one, resolve or reopen an acknowledged one, reopen a resolved one. */
export function nextAlertStates(state: AlertState): AlertState[] {
  switch (state) {
    case "open":
      return ["acknowledged", "resolved"];
    case "acknowledged":
      return ["resolved", "open"];
    case "resolved":
      return ["open"];
  }
}

/** Filled badge colours of the severities: background and text at ≥ 4.5:1 (WCAG AA), as the incident severities. */
export const severityColour: Record<AlertSeverity, { bg: string; fg: string }> = {
  critical: { bg: "red.9", fg: "white" },
  warning: { bg: "#b33c00", fg: "white" },
  info: { bg: "blue.9", fg: "white" },
};

/** Outlined badge colours of the alert states, each ≥ 4.5:1 on white. */
export const stateColour: Record<AlertState, string> = {
  open: "red.9",
  acknowledged: "#b33c00",
  resolved: "teal.9",
};

/** Outlined badge colours of delivery states, each ≥ 4.5:1 on white. */
export const deliveryColour: Record<AlertDeliveryRead["state"], string> = {
  sent: "teal.9",
  pending: "gray.8",
  failed: "red.9",
};

/** Failed deliveries first (they need someone to look), then pending, then sent; by channel name within. */
export function sortDeliveries(deliveries: readonly AlertDeliveryRead[]): AlertDeliveryRead[] {
  const rank: Record<AlertDeliveryRead["state"], number> = { failed: 0, pending: 1, sent: 2 };
  return [...deliveries].sort(
    (a, b) => rank[a.state] - rank[b.state] || a.channelName.localeCompare(b.channelName),
  );
}
