// The words of a scheduled situation report as it goes out through the alert channels: a title with the
// period and a short summary — the key figures, then the notable changes, concerns first. Pure.
import type { Bilingual } from "../alerts/render.ts";
import { type Counted, type Highlight, reportLocales } from "./highlights.ts";

/** What the summary is written from. */
export interface DigestFigures {
  period: { from: Date; to: Date };
  /** The time zone the period's days are written in. */
  timeZone: string;
  mentions: Counted;
  authors: Counted;
  alerts: { raised: Counted; critical: Counted };
  incidents: { opened: Counted };
  conversations: Counted;
  highlights: readonly Highlight[];
}

function figure(c: Counted, lang: "de" | "en", word: Bilingual): string {
  const n = new Intl.NumberFormat(reportLocales[lang]);
  const before = lang === "de" ? "vorher" : "before";
  return `${n.format(c.current)} ${word[lang]} (${before} ${n.format(c.previous)})`;
}

/** The title and summary of a scheduled report, in German and English. */
export function digestText(f: DigestFigures): { title: Bilingual; explanation: Bilingual } {
  const write = (lang: "de" | "en") => {
    const date = new Intl.DateTimeFormat(reportLocales[lang], { dateStyle: "medium", timeZone: f.timeZone });
    const range = `${date.format(f.period.from)} – ${date.format(f.period.to)}`;
    const title = `${lang === "de" ? "Lagebericht" : "Situation report"} ${range}`;
    const figures = [
      figure(f.mentions, lang, { de: "Erwähnungen", en: "mentions" }),
      figure(f.authors, lang, { de: "verschiedene Autoren", en: "distinct authors" }),
      `${figure(f.alerts.raised, lang, { de: "Alarme", en: "alerts" })}, ${new Intl.NumberFormat(reportLocales[lang]).format(f.alerts.critical.current)} ${lang === "de" ? "davon kritisch" : "of them critical"}`,
      figure(f.incidents.opened, lang, { de: "neue Vorfälle", en: "new incidents" }),
      figure(f.conversations, lang, { de: "neue Konversationen", en: "new conversations" }),
    ];
    const concerns = f.highlights.filter((h) => h.concern).map((h) => h[lang]);
    const news = f.highlights.filter((h) => !h.concern).map((h) => h[lang]);
    const lines = [`${figures.join(", ")}.`];
    if (concerns.length > 0) lines.push(`${lang === "de" ? "Beachten" : "Look at"}: ${concerns.join("; ")}.`);
    if (news.length > 0)
      lines.push(`${lang === "de" ? "Zur Kenntnis" : "For information"}: ${news.join("; ")}.`);
    if (f.highlights.length === 0) {
      lines.push(
        lang === "de"
          ? "Gegenüber dem Zeitraum davor hat sich nichts Wesentliches verändert."
          : "Nothing changed notably compared with the period before.",
      );
    }
    return { title, explanation: lines.join("\n") };
  };
  const de = write("de");
  const en = write("en");
  return { title: { de: de.title, en: en.title }, explanation: { de: de.explanation, en: en.explanation } };
}
