import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

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
