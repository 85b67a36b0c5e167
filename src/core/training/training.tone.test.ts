import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { judgeTone, toneLexiconSize } from "./training.tone.ts";

const phrases = (text: string, lang: "de" | "en" = "de") =>
  judgeTone(text, lang, []).spans.map((s) => `${s.tone}: ${s.phrase}`);

describe("judgeTone", () => {
  it.each([
    ["de", "Das tut uns sehr leid, Frau Krause! Wir kümmern uns sofort und melden uns per Direktnachricht."],
    ["de", "Entschuldigen Sie bitte den Ärger. Wir prüfen das und erstatten den Betrag."],
    ["de", "Danke für Ihren Hinweis, wir verstehen Ihren Ärger."],
    ["en", "We are so sorry, Ms Krause! We're on it and will get back to you by direct message."],
    ["en", "We apologise for the double charge. We will refund it today."],
    ["en", "Thank you for letting us know — we understand how frustrating this is."],
  ] as const)("hears empathy in the %s reply %j", (lang, text) => {
    const judgement = judgeTone(text, lang, []);
    expect(judgement.tone).toBe("empathetic");
    expect(judgement.spans.length).toBeGreaterThan(0);
    expect(judgement.spans.every((s) => s.tone === "empathetic")).toBe(true);
  });

  it.each([
    [
      "de",
      "Kein Fehler unsererseits. Laut AGB wird der Abschlag am Monatsanfang eingezogen.",
      "Kein Fehler unsererseits",
    ],
    ["de", "Das ist nicht unsere Schuld, Sie hätten die Rechnung prüfen müssen.", "nicht unsere Schuld"],
    ["de", "Wir weisen die Vorwürfe entschieden zurück.", "weisen die Vorwürfe entschieden zurück"],
    ["de", "Wir haben uns nichts vorzuwerfen.", "haben uns nichts vorzuwerfen"],
    ["de", "Das entspricht nicht der Wahrheit.", "entspricht nicht der Wahrheit"],
    ["de", "Wie bereits gesagt: selbst schuld.", "Wie bereits gesagt"],
    ["de", "Das ist falsch.", "Das ist falsch"],
    ["en", "This is not our fault.", "not our fault"],
    [
      "en",
      "There was no error on our side, per our terms the instalment is due monthly.",
      "There was no error on our side",
    ],
    ["en", "We reject these allegations.", "We reject these allegations"],
    ["en", "You should have checked your bank statement.", "You should have"],
    ["en", "As we already said, that is untrue.", "As we already said"],
    ["en", "We deny any wrongdoing.", "We deny any wrongdoing"],
    ["en", "That’s false.", "That’s false"],
    ["en", "We don't understand why you are upset.", "We don't understand why"],
    ["de", "Wir verstehen nicht, warum Sie sich aufregen.", "Wir verstehen nicht, warum"],
  ] as const)("hears defensiveness in the %s reply %j", (lang, text, phrase) => {
    const judgement = judgeTone(text, lang, []);
    expect(judgement.tone).toBe("defensive");
    expect(judgement.spans).toContainEqual(expect.objectContaining({ tone: "defensive", phrase }));
    expect(judgement.reasons.some((r) => r.de.includes(phrase) && r.en.includes(phrase))).toBe(true);
  });

  it("gives the offsets of the original text, before folding", () => {
    const text = "Größter Ärger? Wir verstehen Ihren Ärger.";
    const [span] = judgeTone(text, "de", []).spans;
    expect(span).toBeDefined();
    expect(text.slice(span?.start, span?.end)).toBe(span?.phrase);
    expect(span?.phrase).toBe("Wir verstehen Ihren Ärger");
  });

  it("judges a polite but defensive reply defensive, in both languages", () => {
    for (const [lang, text] of [
      ["en", "Sorry, but that is not our fault."],
      ["de", "Es tut uns leid, aber das ist nicht unsere Schuld."],
    ] as const) {
      const judgement = judgeTone(text, lang, []);
      expect(judgement.tone).toBe("defensive");
      expect(judgement.spans.map((s) => s.tone).sort()).toEqual(["defensive", "empathetic"]);
      expect(judgement.reasons.at(-1)?.en).toMatch(/^Polite words .* do not make up for the defensiveness$/);
    }
  });

  it("judges a reply hostile when the risk engine flagged it toxic, threatening or hateful", () => {
    for (const flag of ["toxic", "threat", "hate"]) {
      const judgement = judgeTone("Es tut uns leid.", "de", ["negative", flag]);
      expect(judgement.tone).toBe("hostile");
      expect(judgement.reasons[0]?.de).toMatch(/^Die Risikoprüfung stuft die Antwort als /);
    }
  });

  it("does not make a reply hostile for other risk flags", () => {
    expect(judgeTone("Es tut uns leid.", "de", ["defamation", "leak_pii"]).tone).toBe("empathetic");
    expect(judgeTone("Es tut uns leid.", "de", ["constructor", "toString"]).tone).toBe("empathetic");
  });

  it.each([
    ["Wir verstehen Ihren Ärger", "Wir verstehen Ihren Aerger", "WIR VERSTEHEN IHREN ÄRGER"],
    ["Das tut uns leid", "das TUT uns LEID", "Das tut uns leid"],
    [
      "Wir haben uns nichts vorzuwerfen",
      "Wir haben uns nichts vorzuwerfen",
      "WIR HABEN UNS NICHTS VORZUWERFEN",
    ],
    ["Wir weisen das zurück", "Wir weisen das zurueck", "WIR WEISEN DAS ZURÜCK"],
    ["Das hätten Sie besser lesen müssen", "Das haetten Sie besser lesen muessen", "Sie hätten"],
  ])("matches umlaut and case variants alike: %j", (...variants) => {
    const tones = variants.map((text) => judgeTone(text, "de", []).tone);
    expect(new Set(tones).size).toBe(1);
    expect(tones[0]).not.toBe("neutral");
  });

  it.each([
    ["Die Schuldnerberatung der Stadt hilft bei Zahlungsproblemen."],
    ["Bitte wenden Sie sich an unsere Schuldnerberater."],
    ["Unsere Sorryquote ist hoch."],
    ["Die Falschfahrerwarnung gilt für die A7."],
    ["The unapologetic tone of the article surprised readers."],
    ["Our defaultfaultline map is online."],
  ])("finds no phrase inside a word: %j", (text) => {
    const judgement = judgeTone(text, "de", []);
    expect(judgement.spans).toEqual([]);
    expect(judgement.tone).toBe("neutral");
  });

  it("keeps a negated blame empathetic: it is not the customer's fault", () => {
    expect(phrases("Das ist natürlich nicht Ihre Schuld.")).toEqual(["empathetic: nicht Ihre Schuld"]);
    expect(phrases("That is not your fault.", "en")).toEqual(["empathetic: not your fault"]);
  });

  it("hears a refusal to apologise as defensive, not as an apology", () => {
    expect(judgeTone("Wir entschuldigen uns nicht.", "de", []).tone).toBe("defensive");
    expect(judgeTone("We will not apologise for this.", "en", []).tone).toBe("defensive");
  });

  it("judges an English reply in a German exercise too", () => {
    expect(judgeTone("We are sorry!", "de", []).tone).toBe("empathetic");
    expect(judgeTone("Das ist nicht unsere Schuld.", "en", []).tone).toBe("defensive");
  });

  it("judges empty and plain factual text neutral, with a reason", () => {
    for (const text of ["", "   "]) {
      expect(judgeTone(text, "de", [])).toEqual({
        tone: "neutral",
        spans: [],
        reasons: [{ de: "Kein Text", en: "No text" }],
      });
    }
    const plain = judgeTone("Die Abbuchung erfolgt am 1. des Monats.", "de", []);
    expect(plain.tone).toBe("neutral");
    expect(plain.reasons).toHaveLength(1);
  });

  it("names each phrase once per kind in both languages", () => {
    const judgement = judgeTone("Sorry! Sorry! Wir kümmern uns.", "de", []);
    expect(judgement.reasons).toEqual([
      { de: "entschuldigt sich: „Sorry“", en: 'apologises: "Sorry"' },
      { de: "übernimmt Verantwortung: „Wir kümmern uns“", en: 'takes ownership: "Wir kümmern uns"' },
    ]);
  });

  it("holds at least 25 phrase rules per tone and language", () => {
    for (const lang of ["de", "en"] as const) {
      expect(toneLexiconSize[lang].defensive).toBeGreaterThanOrEqual(25);
      expect(toneLexiconSize[lang].empathetic).toBeGreaterThanOrEqual(25);
    }
  });

  it("reports spans that are ordered, do not overlap and quote the text exactly, for any text", () => {
    const words = [
      "Sorry",
      "nicht unsere Schuld",
      "Ärger",
      "ß",
      "🔥",
      "we're on it",
      "\u200b",
      "Ｓｏｒｒｙ",
      " ",
      "laut AGB",
    ];
    const text = fc
      .array(fc.oneof(fc.string(), fc.constantFrom(...words)), { maxLength: 12 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.constantFrom("de" as const, "en" as const), (reply, lang) => {
        const { tone, spans, reasons } = judgeTone(reply, lang, []);
        expect(reasons.length).toBeGreaterThan(0);
        let last = 0;
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(last);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.phrase).toBe(reply.slice(span.start, span.end));
          last = span.end;
        }
        if (spans.some((s) => s.tone === "defensive")) expect(tone).toBe("defensive");
        else if (spans.length > 0) expect(tone).toBe("empathetic");
        else expect(tone).toBe("neutral");
      }),
    );
  });
});
