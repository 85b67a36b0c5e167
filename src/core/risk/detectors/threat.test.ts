import { describe, expect, it } from "vitest";
import { contextFor, spanTexts } from "./detectors.fixture.ts";
import { detectThreat } from "./threat.ts";

describe("detectThreat", () => {
  it.each([
    ["Ich bring dich um", "threat.kill: Ich bring dich um"],
    ["Wir wissen wo du wohnst.", "threat.doxxing: Wir wissen wo du wohnst"],
    ["Ich werde euch alle abstechen", "threat.kill: Ich werde euch alle abstechen"],
    ["Wir fackeln euren Laden ab", "threat.arson: fackeln euren Laden ab"],
    ["Den Laden sollte man abfackeln", "threat.arson: abfackeln"],
    ["Wir jagen eure Filiale in die Luft", "threat.explosive: jagen eure Filiale in die Luft"],
    ["I will kill you", "threat.kill: I will kill you"],
    ["We'll burn your store down", "threat.arson: burn your store down"],
    ["We know where you live", "threat.doxxing: We know where you live"],
    ["You will pay for this", "threat.intimidation: You will pay"],
    ["Watch your back, Keller", "threat.intimidation: Watch your back"],
    ["Du bist so gut wie tot", "threat.kill: Du bist so gut wie tot"],
  ])("finds the threat in %j", (text, expected) => {
    const result = detectThreat(text, contextFor());
    expect(spanTexts(text, result)).toContain(expected);
    expect(result.flagged).toBe(true);
  });

  it.each([
    ["Das bringt mich um vor Lachen 😂"],
    ["Diese Warteschleife bringt mich noch um"],
    ["Der neue Tarif ist echt die Bombe!"],
    ["You killed it with this update, love it"],
    ["Wir legen den Termin um auf Freitag"],
    ["This bug is killing me lol"],
    ["Ich mache das Etikett ab"],
  ])("does not flag %j", (text) => {
    expect(detectThreat(text, contextFor()).flagged).toBe(false);
  });

  it("sees a threat hidden with zero-width characters and fullwidth letters", () => {
    const text = "Ich bring dich u\u200Bm";
    expect(spanTexts(text, detectThreat(text, contextFor()))).toEqual([`threat.kill: ${text}`]);
    expect(detectThreat("Ｉｃｈ ｂｒｉｎｇ ｄｉｃｈ ｕｍ", contextFor()).flagged).toBe(true);
  });
});
