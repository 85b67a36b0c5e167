import { describe, expect, it } from "vitest";
import { canMoveNotice, type NoticeContent, noticeStates, noticeText } from "./notices.ts";

const notice: NoticeContent = {
  platform: "Mastodon (social.example)",
  urls: ["https://social.example/@troll/1", "https://social.example/@troll/2"],
  reasons: "Der Beitrag behauptet wahrheitswidrig, unsere Geschäftsführerin habe Kundengelder veruntreut.",
  law: "§ 187 StGB (Verleumdung)",
  notifierName: "Lena Hoffmann",
  notifierEmail: "lena.hoffmann@nordwind-mobil.de",
  goodFaith: true,
};

describe("noticeText", () => {
  it.each(["de", "en"] as const)("names all four elements of Art. 16(2) in %s", (lang) => {
    const text = noticeText(notice, lang);
    const marks =
      lang === "de" ? ["lit. a", "lit. b", "lit. c", "lit. d"] : ["(2)(a)", "(2)(b)", "(2)(c)", "(2)(d)"];
    for (const part of [...marks, ...notice.urls]) expect(text).toContain(part);
    expect(text).toContain(notice.reasons);
    expect(text).toContain("§ 187 StGB");
    expect(text).toContain("Lena Hoffmann <lena.hoffmann@nordwind-mobil.de>");
    expect(text).toMatch(lang === "de" ? /gutem Glauben/ : /bona fide/);
  });

  it("says when the good-faith statement is missing", () => {
    expect(noticeText({ ...notice, goodFaith: false }, "en")).toMatch(/statement missing/);
  });
});

describe("notice states", () => {
  it("allows only the forward path", () => {
    const allowed = noticeStates.flatMap((from) =>
      noticeStates.filter((to) => canMoveNotice(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      "draft→submitted",
      "submitted→confirmed",
      "submitted→decided",
      "confirmed→decided",
      "decided→redress",
    ]);
  });
});
