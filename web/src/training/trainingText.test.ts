import { describe, expect, it } from "vitest";
import { pickText, uiLang } from "./trainingText.ts";

const title = { de: "Eine Beschwerde eskaliert", en: "A complaint escalates" };

describe("pickText", () => {
  it.each([
    ["de", "Eine Beschwerde eskaliert"],
    ["de-AT", "Eine Beschwerde eskaliert"],
    ["en", "A complaint escalates"],
    ["en-GB", "A complaint escalates"],
    ["fr", "A complaint escalates"],
  ])("picks the %s text", (lang, expected) => {
    expect(pickText(title, lang)).toBe(expected);
  });

  it("falls back to the other language when the wanted one is empty", () => {
    expect(pickText({ de: "Nur Deutsch", en: " " }, "en")).toBe("Nur Deutsch");
    expect(pickText({ de: "", en: "English only" }, "de")).toBe("English only");
  });
});

describe("uiLang", () => {
  it("maps German variants to de and everything else to en", () => {
    expect(uiLang("de-CH")).toBe("de");
    expect(uiLang("en-US")).toBe("en");
    expect(uiLang("it")).toBe("en");
  });
});
