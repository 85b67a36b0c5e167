import { describe, expect, it } from "vitest";
import { digestText } from "./digest.ts";

const quietWeek = {
  period: { from: new Date("2026-11-23T07:00:00Z"), to: new Date("2026-11-30T07:00:00Z") },
  timeZone: "Europe/Berlin",
  mentions: { current: 1250, previous: 1180 },
  authors: { current: 800, previous: 790 },
  alerts: { raised: { current: 3, previous: 2 }, critical: { current: 1, previous: 0 } },
  incidents: { opened: { current: 0, previous: 1 } },
  conversations: { current: 40, previous: 38 },
  highlights: [],
};

describe("the words of a scheduled report", () => {
  it("names the period's days in the schedule's time zone, in both languages", () => {
    const late = {
      ...quietWeek,
      period: { from: new Date("2026-11-22T23:30:00Z"), to: quietWeek.period.to },
    };
    expect(digestText(late).title).toEqual({
      de: "Lagebericht 23.11.2026 – 30.11.2026",
      en: "Situation report 23 Nov 2026 – 30 Nov 2026",
    });
    expect(digestText({ ...late, timeZone: "UTC" }).title.en).toBe(
      "Situation report 22 Nov 2026 – 30 Nov 2026",
    );
  });

  it("gives the key figures beside the period before, and says when nothing changed notably", () => {
    const { explanation } = digestText(quietWeek);
    expect(explanation.de).toBe(
      "1.250 Erwähnungen (vorher 1.180), 800 verschiedene Autoren (vorher 790), 3 Alarme (vorher 2), 1 davon kritisch, 0 neue Vorfälle (vorher 1), 40 neue Konversationen (vorher 38).\nGegenüber dem Zeitraum davor hat sich nichts Wesentliches verändert.",
    );
    expect(explanation.en.split("\n")[1]).toBe("Nothing changed notably compared with the period before.");
  });

  it("lists concerns before news", () => {
    const { explanation } = digestText({
      ...quietWeek,
      highlights: [
        { subject: "toxic", direction: "up", concern: true, de: "Toxisch: mehr", en: "Toxic: more" },
        {
          subject: "mentions",
          direction: "up",
          concern: false,
          de: "Erwähnungen: mehr",
          en: "Mentions: more",
        },
      ],
    });
    expect(explanation.en.split("\n").slice(1)).toEqual([
      "Look at: Toxic: more.",
      "For information: Mentions: more.",
    ]);
  });
});
