import { describe, expect, it } from "vitest";
import { detectFactualAccusation } from "./defamation.ts";
import { contextFor, reasons } from "./detectors.fixture.ts";

describe("detectFactualAccusation", () => {
  it.each([
    ["Nordwind hat seine Kunden betrogen", "accusation.fraud"],
    ["Nordwind verkauft Kundendaten an Werbefirmen", "accusation.data_selling"],
    ["Fakt ist: Anna Berg hat Gelder unterschlagen", "accusation.embezzlement"],
    ["Jonas Keller hat die Bilanz gefälscht", "accusation.forgery"],
    ["Nordwind Mobil is lying about the outage", "accusation.lying"],
    ["Nordwind cooked the books last year", "accusation.forgery"],
    ["Ihr habt den Skandal vertuscht", "accusation.cover_up"],
  ])("finds the factual claim in %j", (text, reason) => {
    const result = detectFactualAccusation(text, contextFor());
    expect(reasons(result)).toContain(reason);
    expect(result.flagged).toBe(true);
  });

  it.each([
    ["Nordwind ist der letzte Dreck"],
    ["Mein Nachbar hat mich betrogen"],
    ["Der Service von Nordwind ist schlecht"],
  ])("does not read the value judgement or unrelated claim %j as an accusation", (text) => {
    expect(detectFactualAccusation(text, contextFor()).flagged).toBe(false);
  });

  it("scores a hedged question lower than an assertion", () => {
    const asserted = detectFactualAccusation("Nordwind verkauft Kundendaten, nachweislich.", contextFor());
    const hedged = detectFactualAccusation("Stimmt es, dass Nordwind Kundendaten verkauft?", contextFor());
    expect(hedged.score).toBeLessThan(asserted.score);
  });
});
