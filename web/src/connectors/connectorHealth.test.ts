import { DEFAULT_THEME } from "@mantine/core";
import { describe, expect, it } from "vitest";
import { de } from "../i18n/de.ts";
import { en } from "../i18n/en.ts";
import {
  healthColour,
  healthHintKey,
  healthLabelKey,
  healthStates,
  needsFix,
  nextRun,
} from "./connectorHealth.ts";

// WCAG 2.x relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function resolve(colour: string): string {
  if (colour === "white") return "#ffffff";
  if (colour === "black") return "#000000";
  if (colour.startsWith("#")) return colour;
  const [name = "", shade = ""] = colour.split(".");
  const value = DEFAULT_THEME.colors[name]?.[Number(shade)];
  if (!value) throw new Error(`unknown colour ${colour}`);
  return value;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(resolve(a)), luminance(resolve(b))].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe("connector health as a badge", () => {
  it.each(healthStates)("%s has a label in English and German", (state) => {
    const [section, group, key] = healthLabelKey(state).split(".");
    expect(section).toBe("connectors");
    expect(group).toBe("health");
    expect(en.connectors.health[key as keyof typeof en.connectors.health]).toBeTruthy();
    expect(de.connectors.health[key as keyof typeof de.connectors.health]).toBeTruthy();
  });

  it.each(healthStates)("%s reaches 4.5:1 between text and background (WCAG AA)", (state) => {
    const { bg, fg } = healthColour[state];
    expect(contrast(bg, fg)).toBeGreaterThanOrEqual(4.5);
  });

  it("says that an incoming webhook has received nothing yet instead of 'not polled yet'", () => {
    expect(healthLabelKey("new", true)).toBe("connectors.health.pushNew");
    expect(en.connectors.health.pushNew).toBe("Nothing received yet");
    expect(healthLabelKey("ok", true)).toBe("connectors.health.ok");
  });

  it("asks for a person only when credentials or settings were refused", () => {
    expect(healthStates.filter(needsFix)).toEqual(["auth", "config"]);
  });
});

describe("what the card says about the state", () => {
  const at = { kind: "at" as const, at: "2026-03-02T10:00:00.000Z" };

  it.each([
    ["new", at, "connectors.healthHint.new"],
    ["new", { kind: "push" as const }, "connectors.healthHint.pushNew"],
    ["new", { kind: "paused" as const }, null],
    ["ok", at, null],
    ["live", { kind: "live" as const }, null],
    ["transient", at, "connectors.healthHint.transient"],
    ["rate_limited", { kind: "paused" as const }, null],
    ["auth", { kind: "paused" as const }, "connectors.healthHint.auth"],
    ["config", at, "connectors.healthHint.config"],
  ] as const)("%s, next run %j: %s", (state, next, key) => {
    expect(healthHintKey(state, next)).toBe(key);
  });

  it("has every hint in English and German", () => {
    for (const state of healthStates) {
      for (const next of [at, { kind: "push" as const }]) {
        const key = healthHintKey(state, next)?.split(".")[2] as
          | keyof typeof en.connectors.healthHint
          | undefined;
        if (!key) continue;
        expect(en.connectors.healthHint[key]).toBeTruthy();
        expect(de.connectors.healthHint[key]).toBeTruthy();
      }
    }
  });
});

describe("when a connector runs next", () => {
  const health = {
    state: "ok" as const,
    lastSuccessAt: "2026-03-02T09:55:00.000Z",
    lastError: null,
    lastErrorAt: null,
    consecutiveErrors: 0,
    nextRunAt: "2026-03-02T10:00:00.000Z",
    postsTotal: 12,
  };

  it("is at its scheduled time while it is on and polled", () => {
    expect(nextRun({ enabled: true, health }, 300)).toEqual({ kind: "at", at: "2026-03-02T10:00:00.000Z" });
  });

  it("is the live connection while one is open", () => {
    expect(nextRun({ enabled: true, health: { ...health, state: "live" } }, 60)).toEqual({ kind: "live" });
    expect(en.connectors.liveNow).toBeTruthy();
    expect(de.connectors.liveNow).toBeTruthy();
  });

  it("is never while it is switched off", () => {
    expect(nextRun({ enabled: false, health }, 300)).toEqual({ kind: "paused" });
  });

  it("is never for an incoming webhook, which receives posts instead", () => {
    expect(
      nextRun({ enabled: true, health: { ...health, nextRunAt: "9999-12-31T00:00:00.000Z" } }, 0),
    ).toEqual({
      kind: "push",
    });
  });
});
