import { ConnectorHealth, type ConnectorRead } from "../../../src/connectors/connectors.schema.ts";

/** A connector's health state: `new`, `ok`, `live`, `rate_limited`, `transient`, `auth` or `config`. */
export type HealthState = ConnectorRead["health"]["state"];

/** Every health state, in the order the API documents them. */
export const healthStates: readonly HealthState[] = ConnectorHealth.shape.state.options;

/**
 * Filled badge colours of the health states: background and text at ≥ 4.5:1 (WCAG AA), as LevelBadge.
 * Grey: not polled yet; green: fine; cyan: a live connection is open; blue: waiting for the platform's rate
 * limit; orange: retrying by itself; red: waiting for a person to fix the credentials or settings.
 */
export const healthColour: Record<HealthState, { bg: string; fg: string }> = {
  new: { bg: "gray.7", fg: "white" }, // 8.2:1
  ok: { bg: "teal.9", fg: "white" }, // 5.0:1
  live: { bg: "cyan.9", fg: "white" }, // 5.6:1
  rate_limited: { bg: "blue.9", fg: "white" }, // 6.3:1
  transient: { bg: "#b33c00", fg: "white" }, // 5.9:1
  auth: { bg: "red.9", fg: "white" }, // 5.5:1
  config: { bg: "red.9", fg: "white" },
};

/**
 * The i18n key of a health state's label ("OK", "Zugangsdaten abgelehnt"). A push connector (the incoming
 * webhook) is never polled, so while it is `new` it says that nothing was received yet.
 */
export function healthLabelKey(state: HealthState, push = false): string {
  return push && state === "new" ? "connectors.health.pushNew" : `connectors.health.${state}`;
}

/** Whether only a person can fix it: credentials (`auth`) or settings (`config`) were refused; it waits an hour. */
export function needsFix(state: HealthState): boolean {
  return state === "auth" || state === "config";
}

/**
 * The i18n key of what to expect or do in a state, or null when there is nothing to say: a healthy
 * connector needs no words, and a switched-off one neither waits nor retries (only a refusal still needs fixing).
 */
export function healthHintKey(state: HealthState, next: NextRun): string | null {
  if (state === "ok" || state === "live") return null;
  if (next.kind === "paused" && !needsFix(state)) return null;
  if (state === "new")
    return next.kind === "push" ? "connectors.healthHint.pushNew" : "connectors.healthHint.new";
  return `connectors.healthHint.${state}`;
}

/**
 * When a connector runs next: switched off, push-only (receives posts, never polled), connected live (posts
 * arrive as they are written), or at a time.
 */
export type NextRun = { kind: "paused" } | { kind: "push" } | { kind: "live" } | { kind: "at"; at: string };

/** When the connector runs next, from its switch, its kind's poll interval (0: push) and its health. */
export function nextRun(
  connector: Pick<ConnectorRead, "enabled" | "health">,
  pollSeconds: number | undefined,
): NextRun {
  if (!connector.enabled) return { kind: "paused" };
  if (pollSeconds === 0) return { kind: "push" };
  if (connector.health.state === "live") return { kind: "live" };
  return { kind: "at", at: connector.health.nextRunAt };
}
