import { describe, expect, it } from "vitest";
import { detectConfidential } from "./confidential.ts";
import { contextFor, spanTexts } from "./detectors.fixture.ts";

describe("detectConfidential", () => {
  it.each([
    ["VERTRAULICH: Zahlen Q3 anbei", "confidential.marker: VERTRAULICH"],
    [
      "Nur für den internen Gebrauch – bitte nicht weitergeben",
      "confidential.marker: Nur für den internen Gebrauch",
    ],
    ["Streng vertraulich!", "confidential.marker: Streng vertraulich"],
    ["Verschlusssache, nur für den Dienstgebrauch", "confidential.classified: Verschlusssache"],
    ["Pressemitteilung, Sperrfrist 10 Uhr", "confidential.embargo: Sperrfrist"],
    ["CONFIDENTIAL - do not forward", "confidential.marker: CONFIDENTIAL"],
    ["Internal only: new pricing deck", "confidential.marker: Internal only"],
    ["Under embargo until Monday", "confidential.embargo: Under embargo"],
    ["Bald kommt Projekt Falke 🚀", "confidential.watchlist: Projekt Falke"],
    ["PROJEKT-FALKE startet", "confidential.watchlist: PROJEKT-FALKE"],
    ["Der STURMVOGEL ist fast fertig", "confidential.watchlist: STURMVOGEL"],
    ["Projekt Moewe läuft", "confidential.watchlist: Moewe"],
    ["Projekt MÖWE läuft", "confidential.watchlist: MÖWE"],
    ["Login über vpn.corp.nordwind-mobil.de", "confidential.internal_host: corp.nordwind-mobil.de"],
    ["Steht im Intranet", "confidential.watchlist: Intranet"],
  ])("finds the marker in %j", (text, expected) => {
    const result = detectConfidential(text, contextFor());
    expect(spanTexts(text, result)).toContain(expected);
    expect(result.flagged).toBe(true);
  });

  it.each([
    ["Das ist nicht vertraulich, gerne teilen"],
    ["Ein Falke kreiste über dem Shop"],
    ["Das Projekt läuft gut"],
    ["Internet ist wieder da"],
    ["Sturmvogelschutz ist wichtig"],
  ])("does not flag %j", (text) => {
    expect(detectConfidential(text, contextFor()).flagged).toBe(false);
  });

  it("finds a watchlist word hidden with zero-width spaces and soft hyphens", () => {
    const text = "Start von Sturm\u200Bvo\u00ADgel im Mai";
    expect(spanTexts(text, detectConfidential(text, contextFor()))).toEqual([
      "confidential.watchlist: Sturm\u200Bvo\u00ADgel",
    ]);
  });

  it("treats a watchlist term with regex characters as plain text", () => {
    const ctx = contextFor({ org: { ...contextFor().org, watchlist: ["(a+)+$", "C++ Core"] } });
    expect(detectConfidential(`${"a".repeat(50_000)}!`, ctx).flagged).toBe(false);
    expect(spanTexts("Wir nutzen c++ core", detectConfidential("Wir nutzen c++ core", ctx))).toEqual([
      "confidential.watchlist: c++ core",
    ]);
  });
});
