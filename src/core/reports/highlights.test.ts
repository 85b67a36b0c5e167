import { describe, expect, it } from "vitest";
import { riskCategories } from "../risk/risk.types.ts";
import { maxHighlights, type ReportFigures, reportHighlights } from "./highlights.ts";

const same = (n: number) => ({ current: n, previous: n });

/** Figures where nothing changed; each test changes what it is about. */
function quiet(): ReportFigures {
  return {
    mentions: same(500),
    authors: same(300),
    flagged: riskCategories.map((category) => ({ category, ...same(20) })),
    topics: [{ name: "Netzstörung", critical: same(30) }],
    alerts: { raised: same(3), critical: same(1) },
    incidents: { opened: same(1) },
    response: { breaches: same(2) },
  };
}

describe("the notable changes of a report", () => {
  it("says nothing when nothing changed", () => {
    expect(reportHighlights(quiet())).toEqual([]);
  });

  it("names a rise of risky posts as a concern, with both figures and the change, in both languages", () => {
    const figures = quiet();
    figures.flagged = figures.flagged.map((f) =>
      f.category === "complaint" ? { ...f, current: 1250, previous: 500 } : f,
    );
    expect(reportHighlights(figures)).toEqual([
      {
        subject: "complaint",
        direction: "up",
        concern: true,
        de: "Als „Beschwerde“ erkannt: 1.250 statt 500 (+150 %)",
        en: "Flagged “complaint”: 1,250 instead of 500 (+150%)",
      },
    ]);
  });

  it("reports a fall of risky posts and changes of the chances without raising a concern", () => {
    const figures = quiet();
    figures.flagged = figures.flagged.map((f) =>
      f.category === "toxic"
        ? { ...f, current: 4, previous: 20 }
        : f.category === "opportunity_praise"
          ? { ...f, current: 60, previous: 20 }
          : f,
    );
    const found = reportHighlights(figures);
    expect(found.map((h) => [h.subject, h.direction, h.concern])).toEqual([
      ["toxic", "down", false],
      ["opportunity_praise", "up", false],
    ]);
    expect(found[0]?.de).toBe("Als „toxisch“ erkannt: 4 statt 20 (−80 %)");
  });

  it("needs both an absolute and a relative change", () => {
    const figures = quiet();
    // +9 mentions on 20 is large but few; +40 on 500 is many but 8 %.
    figures.mentions = { current: 29, previous: 20 };
    figures.authors = { current: 340, previous: 300 };
    expect(reportHighlights(figures)).toEqual([]);
    figures.mentions = { current: 30, previous: 20 };
    expect(reportHighlights(figures).map((h) => h.en)).toEqual(["Mentions: 30 instead of 20 (+50%)"]);
  });

  it("says 'new' for something that did not happen before", () => {
    const figures = quiet();
    figures.incidents.opened = { current: 2, previous: 0 };
    expect(reportHighlights(figures)).toEqual([
      {
        subject: "incidents",
        direction: "up",
        concern: true,
        de: "Neue Vorfälle: 2 statt 0 (neu)",
        en: "New incidents: 2 instead of 0 (new)",
      },
    ]);
  });

  it("quotes a topic's name as text and puts concerns before news, the larger change first", () => {
    const figures = quiet();
    figures.mentions = { current: 1000, previous: 500 };
    figures.topics = [
      { name: "Rechnung <b>", critical: { current: 40, previous: 30 } },
      { name: "Netz", critical: { current: 90, previous: 30 } },
    ];
    figures.response.breaches = { current: 8, previous: 2 };
    const found = reportHighlights(figures);
    expect(found.map((h) => h.subject)).toEqual(["breaches", "topic", "mentions"]);
    expect(found[1]?.de).toBe("Kritische Beiträge im Thema „Netz“: 90 statt 30 (+200 %)");
    figures.topics = [{ name: "Rechnung <b>", critical: { current: 90, previous: 30 } }];
    expect(reportHighlights(figures)[1]?.en).toBe(
      "Critical posts in the topic “Rechnung <b>”: 90 instead of 30 (+200%)",
    );
  });

  it("keeps at most ten, concerns first", () => {
    const figures = quiet();
    figures.flagged = figures.flagged.map((f) => ({ ...f, current: 100 }));
    const found = reportHighlights(figures);
    expect(found).toHaveLength(maxHighlights);
    expect(found.every((h) => h.concern)).toBe(true);
  });
});
