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
    ["Wenn ich einen von euch erwische, schlag ich ihn tot!", "threat.kill: schlag ich ihn tot"],
    ["Ich schlag dich tot", "threat.kill: Ich schlag dich tot"],
    ["Dann bringen wir euch alle um.", "threat.kill: bringen wir euch alle um"],
    ["Morgen mach ich dich kalt", "threat.kill: mach ich dich kalt"],
    ["Ich hau dich krankenhausreif", "threat.violence: Ich hau dich krankenhausreif"],
    ["Beim nächsten Mal prügeln wir euch windelweich", "threat.violence: prügeln wir euch windelweich"],
    ["Ich polier dir die Fresse, Keller", "threat.violence: polier dir die Fresse"],
    ["Euch sollte man alle erschießen", "threat.incitement: sollte man alle erschießen"],
    ["Wer so was macht, gehört erschossen", "threat.incitement: gehört erschossen"],
    ["Der Chef gehört aufgehängt", "threat.incitement: Der Chef gehört aufgehängt"],
    [
      "Den Vorstand sollte man an die Wand stellen",
      "threat.incitement: Den Vorstand sollte man an die Wand stellen",
    ],
    ["Someone should shoot the whole board", "threat.incitement: Someone should shoot"],
    ["Your CEO deserves a bullet", "threat.incitement: deserves a bullet"],
    ["I hope your headquarters burns down", "threat.incitement: I hope your headquarters burns down"],
    ["Ich hoffe, euer Laden brennt ab", "threat.incitement: Ich hoffe, euer Laden brennt ab"],
    ["Ich komme morgen mit der Axt in eure Filiale", "threat.violence: Ich komme morgen mit der Axt"],
    ["I'm coming to your store with a knife", "threat.violence: I'm coming to your store with a knife"],
    ["Ich weiß, wo dein Auto steht.", "threat.doxxing: Ich weiß, wo dein Auto"],
    [
      "I'm going to find out where your CEO lives",
      "threat.doxxing: I'm going to find out where your CEO lives",
    ],
    ["Ihr werdet schon sehen, was passiert", "threat.intimidation: Ihr werdet schon sehen, was passiert"],
    ["If I see your manager again I'll break his legs", "threat.violence: I'll break his legs"],
    ["Dem Filialleiter brech ich die Beine", "threat.violence: brech ich die Beine"],
    ["I swear I will hurt someone at your store", "threat.violence: I will hurt someone"],
    ["We will make you pay, one way or another", "threat.intimidation: We will make you pay"],
    ["I'll make you pay for this", "threat.intimidation: I'll make you pay"],
    ["Ich zünde eure Filiale an", "threat.arson: zünde eure Filiale an"],
    // No single phrase: found from a cue of violence, a target and an intent.
    ["Next time your driver blocks my drive he's getting battered", "threat.cues: getting battered"],
    ["Schöner Laden habt ihr da. Wär doch schade, wenn dem was passiert.", "threat.cues: Wär doch schade"],
    ["Pfefferspray liegt bereit, morgen bin ich in eurer Filiale", "threat.cues: Pfefferspray"],
    [
      "Keep pushing me, RidgeBank. Tomorrow you find out what I'm capable of.",
      "threat.cues: Keep pushing me",
    ],
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
    ["Das schlage ich vor: wir legen den Termin um"],
    ["Ich schlag mich tot vor Lachen 😂"],
    ["Heute schlagen wir die Zeit tot"],
    ["Am Samstag hauen wir euch weg, 3:0 für uns!"],
    ["Das haut mich um, so schnell war noch keiner"],
    ["Am Bahnhof muss man halt die Zeit totschlagen"],
    ["Man muss sich ja nicht gleich umbringen vor Stress"],
    ["Das Bild gehört aufgehängt, nicht in den Keller"],
    ["Man sollte das Regal an die Wand stellen"],
    ["Trump is awful and I hope he rots in hell"],
    ["I hope my phone doesn't die before the train comes"],
    ["This bug deserves a fix, not another workaround"],
    ["Ich breche den Vertrag ab, reicht mir"],
    ["I'll break the news to my flatmates tonight"],
    ["Will this update make you pay for the old features again?"],
    ["We'll make you pay for the app only once, promise"],
    ["Ich zünde zwei Kerzen an und warte auf den Techniker"],
    ["Put more carriages on the 17:32, someone's going to get hurt"],
    // Cues in a game, a film, the news or a complaint.
    ["Tomorrow in ranked I'm going to kill you, noob 😂"],
    ["Neuer Film morgen im Kino: der Killer will ihn mit der Axt erschlagen"],
    ["Police say the man who was getting battered outside the pub tomorrow will testify"],
    ["Ich bin geduldig, aber wenn die Rechnung wieder falsch ist, kündige ich"],
  ])("does not flag %j", (text) => {
    expect(detectThreat(text, contextFor()).flagged).toBe(false);
  });

  it("sees a threat hidden with zero-width characters and fullwidth letters", () => {
    const text = "Ich bring dich u\u200Bm";
    expect(spanTexts(text, detectThreat(text, contextFor()))).toEqual([`threat.kill: ${text}`]);
    expect(detectThreat("Ｉｃｈ ｂｒｉｎｇ ｄｉｃｈ ｕｍ", contextFor()).flagged).toBe(true);
  });
});
