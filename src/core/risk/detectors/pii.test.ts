import { describe, expect, it } from "vitest";
import { contextFor, reasons, spanTexts } from "./detectors.fixture.ts";
import { detectPii, isValidSteuerId, passesLuhn } from "./pii.ts";

describe("detectPii", () => {
  it.each([
    ["Meine IBAN: DE89 3704 0044 0532 0130 00, danke", "pii.iban: DE89 3704 0044 0532 0130 00"],
    ["iban de89370400440532013000 bitte", "pii.iban: de89370400440532013000"],
    ["Account GB82 WEST 1234 5698 7654 32 please", "pii.iban: GB82 WEST 1234 5698 7654 32"],
    ["Schreibt mir an max.mustermann@gmx.de", "pii.email: max.mustermann@gmx.de"],
    ["Ruf mich an: 0170 1234567", "pii.phone: 0170 1234567"],
    ["Call me +44 20 7946 0958 today", "pii.phone: +44 20 7946 0958"],
    ["Kreditkarte 4111 1111 1111 1111 gültig bis 12/27", "pii.payment_card: 4111 1111 1111 1111"],
    ["card 5555-5555-5555-4444", "pii.payment_card: 5555-5555-5555-4444"],
    ["Meine Steuer-ID ist 86095742719", "pii.tax_id: 86095742719"],
    ["Steuernummer 21/815/08150", "pii.tax_number: 21/815/08150"],
    ["Ich wohne Hauptstraße 5, 10115 Berlin", "pii.postal_address: Hauptstraße 5, 10115 Berlin"],
    ["Lieferung an Berliner Str. 12a, 20095 Hamburg", "pii.postal_address: Berliner Str. 12a, 20095 Hamburg"],
    ["Er ist geboren am 12.03.1985 in Kiel", "pii.birth_date: geboren am 12.03.1985"],
    ["DOB: 1990-04-01", "pii.birth_date: DOB: 1990-04-01"],
    ["born on March 3, 1979", "pii.birth_date: born on March 3, 1979"],
  ])("finds the personal data in %j", (text, expected) => {
    const result = detectPii(text, contextFor());
    expect(spanTexts(text, result)).toContain(expected);
    expect(result.flagged).toBe(true);
  });

  it.each([
    ["Bestellnummer 123456789012 ist noch offen"],
    ["Zeitstempel 2024-05-01 12:30:45 im Log"],
    ["Auftrag DE12 3456 7890 1234 5678 90 (keine gültige IBAN)"],
    ["Sendungsnummer 4111 1111 1111 1112"],
    ["Termin am 12.03.2025 um 14:00"],
    ["Version 10.2.3 ist raus"],
    ["Schreibt an service@nordwind-mobil.de"],
    ["Rechnung 2024/11/0042"],
    ["Das Passwort ist falsch"],
  ])("stays quiet on the near miss %j", (text) => {
    expect(detectPii(text, contextFor()).flagged).toBe(false);
  });

  it("does not read an order number as a phone number", () => {
    const text = "Bestellnummer 030123456789";
    expect(reasons(detectPii(text, contextFor()))).not.toContain("pii.phone");
  });

  it("reports an IBAN hidden with zero-width spaces at its original offsets", () => {
    const text = "IBAN DE89\u200B3704\u200B0044\u200B0532\u200B0130\u200B00 ok";
    const result = detectPii(text, contextFor());
    expect(spanTexts(text, result)).toEqual([
      "pii.iban: DE89\u200B3704\u200B0044\u200B0532\u200B0130\u200B00",
    ]);
  });

  it("scores a street with a house number but no postcode below the threshold", () => {
    const text = "Sent to 221B Baker Street yesterday";
    const result = detectPii(text, contextFor());
    expect(spanTexts(text, result)).toEqual(["pii.postal_address: 221B Baker Street"]);
    expect(result.flagged).toBe(false);
  });

  it("keeps a bare valid Steuer-ID below the threshold without a keyword", () => {
    expect(detectPii("Nummer 86095742719", contextFor()).flagged).toBe(false);
  });
});

describe("check digits", () => {
  it.each([
    ["86095742719", true],
    ["86095742718", false],
    ["01234567891", false],
    ["11111111111", false],
  ])("Steuer-ID %s is valid: %s", (digits, valid) => {
    expect(isValidSteuerId(digits)).toBe(valid);
  });

  it.each([
    ["4111111111111111", true],
    ["4111111111111112", false],
    ["378282246310005", true],
  ])("Luhn %s passes: %s", (digits, valid) => {
    expect(passesLuhn(digits)).toBe(valid);
  });
});
