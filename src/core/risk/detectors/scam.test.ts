import { describe, expect, it } from "vitest";
import { contextFor, reasons } from "./detectors.fixture.ts";
import { detectScam } from "./scam.ts";

describe("detectScam", () => {
  it.each([
    ["Du hast gewonnen! Gratis iPhone 15 – schreib mir per WhatsApp"],
    ["Herzlichen Glückwunsch, Sie wurden ausgewählt! Gewinn abholen: https://win-prize.top/x"],
    ["Schick mir 0,1 BTC und ich schicke dir 0,2 BTC zurück!"],
    ["Send 1 ETH and get 2 ETH back, limited time only!"],
    ["Your wallet is at risk, enter your seed phrase here: walletfix.io"],
    ["Bei Störung: Entschädigung beantragen unter nordwind-erstattung.com, nur heute!"],
    ["Ihr Konto wurde gesperrt, bestätigen Sie Ihre Daten hier: https://example.org/verify"],
    ["Guaranteed profit 20% per week, DM me"],
    ["Passives Einkommen mit Krypto! Schreib mir auf Telegram"],
    ["Sende mir deine IBAN und PIN, dann erstatten wir"],
  ])("flags %j", (text) => {
    expect(detectScam(text, contextFor()).flagged).toBe(true);
  });

  it.each([
    ["Unser Gewinnspiel startet morgen, alle Infos auf der Website"],
    ["Bitcoin ist gerade wieder gefallen"],
    ["Der Tarif kostet 19,99 €"],
    ["Ich warte seit Wochen auf meine Erstattung"],
    ["Danke, das war sofort erledigt"],
  ])("does not flag %j", (text) => {
    expect(detectScam(text, contextFor()).flagged).toBe(false);
  });

  it("counts a bad link the caller passes in", () => {
    const text = "Gewinnspiel! Mitmachen: https://nordwind-gewinn.top";
    const linkRisk = { score: 0.9, flagged: true, spans: [] };
    const result = detectScam(text, contextFor({ linkRisk }));
    expect(reasons(result)).toContain("scam.link");
    expect(result.flagged).toBe(true);
  });

  it("weighs the org's own giveaway post lower", () => {
    const text = "Gewinnspiel: Gratis iPhone zu gewinnen, einfach kommentieren!";
    const own = detectScam(text, contextFor({ direction: "outgoing" }));
    const other = detectScam(text, contextFor());
    expect(own.score).toBeLessThan(other.score);
  });
});
