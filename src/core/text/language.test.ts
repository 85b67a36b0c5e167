import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectLanguage, infixCounts } from "./language.ts";

describe("detectLanguage", () => {
  it.each([
    ["@nordwind_mobil Seit heute früh geht bei euch gar nichts mehr, die App stürzt ständig ab.", "de"],
    ["Ich kündige meinen Vertrag, das ist doch eine Frechheit!", "de"],
    ["Warum sind die Gebühren schon wieder gestiegen?", "de"],
    ["Schöne Grüße aus Köln", "de"],
    ["Danke für nix #Bahnchaos", "de"],
    ["@NordwindMobil your app has been down all morning, what is going on?", "en"],
    ["I want to cancel my contract, this is ridiculous", "en"],
    ["Thanks for nothing https://t.co/abc123", "en"],
    ["Worst customer service ever. Never again.", "en"],
    ["Le service client est vraiment nul, je ne suis pas content", "other"],
    ["El servicio de atención al cliente es muy malo", "other"],
    ["Dit is niet wat ik wilde hebben", "other"],
    ["Это ужасный сервис", "other"],
    ["これはひどい", "other"],
    ["@user @user", "other"],
    ["😂😂😂 https://t.co/xyz", "other"],
    ["", "other"],
  ] as const)("classifies %j as %s", (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it("picks the more likely language on a short post with some evidence", () => {
    expect(detectLanguage("Gebühren!")).toBe("de");
    expect(detectLanguage("Thanks!")).toBe("en");
  });

  it("judges the script of the words after a link, not of the link", () => {
    expect(detectLanguage(`https://t.co/${"x".repeat(20)} Это ужасный сервис the`)).toBe("other");
  });

  it("says other when a post has no evidence for either language", () => {
    expect(detectLanguage("Nordwind 2024")).toBe("other");
  });
});

describe("infixCounts", () => {
  // The reference: each pattern counts once when the word includes it.
  const german = ["sch", "ei", "tz", "ah", "eh", "oh", "uh", "pf", "z"];
  const english = ["th", "wh", "ou", "ee", "oo", "ea", "ght", "ay", "ck"];
  const reference = (word: string) => ({
    german: german.filter((infix) => word.includes(infix)).length,
    english: english.filter((infix) => word.includes(infix)).length,
  });

  it("counts each letter pattern once, as looking each up would", () => {
    expect(infixCounts("schweinehund")).toEqual({ german: 3, english: 0 });
    expect(infixCounts("thought")).toEqual({ german: 0, english: 3 });
    expect(infixCounts("zzz")).toEqual({ german: 1, english: 0 });
    expect(infixCounts("")).toEqual({ german: 0, english: 0 });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(..."schtzeiahouwpfgkyäöüß1 ".split(""), "\ud83d", "sch", "ght"), {
          maxLength: 16,
        }),
        (parts) => {
          const word = parts.join("");
          expect(infixCounts(word)).toEqual(reference(word));
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string(), (word) => {
        expect(infixCounts(word)).toEqual(reference(word));
      }),
    );
  });
});
