// The notable changes of a situation report, in words: what rose or fell between a period and the one just
// before it, by how much, and whether a team should look at it. Pure; the report's figures come from the
// database elsewhere (src/reports).
import type { Bilingual } from "../alerts/render.ts";
import { categoryNames, quoted } from "../alerts/rules.ts";
import type { RiskCategory } from "../risk/risk.types.ts";

/** A figure of the period and of the period before. */
export interface Counted {
  current: number;
  previous: number;
}

/** What the highlights are read from. */
export interface ReportFigures {
  mentions: Counted;
  authors: Counted;
  flagged: readonly (Counted & { category: RiskCategory })[];
  /** Topic names are the organisation's words: whoever shows a highlight shows it as text. */
  topics: readonly { name: string; critical: Counted }[];
  alerts: { raised: Counted; critical: Counted };
  incidents: { opened: Counted };
  response: { breaches: Counted };
}

/** One notable change. */
export interface Highlight extends Bilingual {
  subject: string;
  direction: "up" | "down";
  concern: boolean;
}

/** At most this many highlights, concerns first. */
export const maxHighlights = 10;

// A change is notable when it is at least this large in absolute terms and relative to the period before
// (from nothing: when the new figure alone reaches the absolute bar). Volume moves more from week to week
// than risks do, so it needs the larger relative change; rare things (incidents, breaches) need fewer cases.
const bars = {
  volume: { absolute: 10, relative: 0.25 },
  risk: { absolute: 5, relative: 0.5 },
  rare: { absolute: 2, relative: 0.5 },
};

// Categories whose rise is a concern; the chances (questions, praise, leads, job interest) and factual
// claims are news either way.
const notConcerning: ReadonlySet<RiskCategory> = new Set([
  "fact_claim",
  "opportunity_question",
  "opportunity_praise",
  "opportunity_lead",
  "opportunity_recruiting",
]);

function notable(c: Counted, bar: { absolute: number; relative: number }): boolean {
  const diff = Math.abs(c.current - c.previous);
  if (diff < bar.absolute) return false;
  return c.previous === 0 || diff / c.previous >= bar.relative;
}

/** The locale the reports write numbers and dates in, per language. */
export const reportLocales = { de: "de-DE", en: "en-GB" } as const;

/** The change from the period before as a signed percentage, "+108 %" / "−80%"; the period before must not be 0. */
export function percentChange(c: Counted, lang: "de" | "en"): string {
  const pct = Math.round(((c.current - c.previous) / c.previous) * 100);
  const number = new Intl.NumberFormat(reportLocales[lang]).format(Math.abs(pct));
  return `${pct >= 0 ? "+" : "−"}${number}${lang === "de" ? " %" : "%"}`;
}

/** "25 statt 12 (+108 %)" / "25 instead of 12 (+108%)"; from nothing, "neu" / "new". */
function change(c: Counted, lang: "de" | "en"): string {
  const n = new Intl.NumberFormat(reportLocales[lang]);
  const instead = lang === "de" ? "statt" : "instead of";
  if (c.previous === 0) return `${n.format(c.current)} ${instead} 0 (${lang === "de" ? "neu" : "new"})`;
  return `${n.format(c.current)} ${instead} ${n.format(c.previous)} (${percentChange(c, lang)})`;
}

// How large a change is, to order the highlights: relative, with a change from nothing counted as doubling.
const size = (c: Counted) =>
  c.previous === 0 ? 1 : Math.abs(c.current - c.previous) / Math.max(c.previous, c.current);

/** The notable changes between the two periods: concerns first, then by size; at most {@link maxHighlights}. */
export function reportHighlights(figures: ReportFigures): Highlight[] {
  const found: (Highlight & { size: number })[] = [];
  const add = (
    subject: string,
    c: Counted,
    bar: { absolute: number; relative: number },
    concernWhenUp: boolean,
    label: Bilingual,
  ) => {
    if (!notable(c, bar)) return;
    const direction = c.current > c.previous ? "up" : "down";
    found.push({
      subject,
      direction,
      concern: concernWhenUp && direction === "up",
      de: `${label.de}: ${change(c, "de")}`,
      en: `${label.en}: ${change(c, "en")}`,
      size: size(c),
    });
  };

  add("mentions", figures.mentions, bars.volume, false, { de: "Erwähnungen", en: "Mentions" });
  add("authors", figures.authors, bars.volume, false, { de: "Verschiedene Autoren", en: "Distinct authors" });
  for (const f of figures.flagged) {
    const name = categoryNames[f.category];
    add(f.category, f, bars.risk, !notConcerning.has(f.category), {
      de: `Als ${quoted(name.de, "de")} erkannt`,
      en: `Flagged ${quoted(name.en, "en")}`,
    });
  }
  for (const t of figures.topics) {
    add("topic", t.critical, bars.risk, true, {
      de: `Kritische Beiträge im Thema ${quoted(t.name, "de")}`,
      en: `Critical posts in the topic ${quoted(t.name, "en")}`,
    });
  }
  add("alerts", figures.alerts.raised, bars.rare, true, { de: "Alarme", en: "Alerts" });
  add("alerts_critical", figures.alerts.critical, bars.rare, true, {
    de: "Kritische Alarme",
    en: "Critical alerts",
  });
  add("incidents", figures.incidents.opened, bars.rare, true, {
    de: "Neue Vorfälle",
    en: "New incidents",
  });
  add("breaches", figures.response.breaches, bars.rare, true, {
    de: "Verfehlte Service-Levels",
    en: "Missed service levels",
  });

  return found
    .sort((a, b) => Number(b.concern) - Number(a.concern) || b.size - a.size)
    .slice(0, maxHighlights)
    .map(({ size: _size, ...highlight }) => highlight);
}
