// German public holidays (gesetzliche Feiertage): the nationwide ones and those of each Land, by the
// holiday laws of the Länder (Feiertagsgesetze). Holidays of single towns or of Catholic communities only
// (Augsburger Friedensfest; Mariä Himmelfahrt in parts of Bavaria; Fronleichnam in parts of Saxony and
// Thuringia) are left out: a team adds them by hand.

/** The German Länder by their ISO 3166-2:DE codes. */
export const germanStates = [
  "BW",
  "BY",
  "BE",
  "BB",
  "HB",
  "HH",
  "HE",
  "MV",
  "NI",
  "NW",
  "RP",
  "SL",
  "SN",
  "ST",
  "SH",
  "TH",
] as const;
export type GermanState = (typeof germanStates)[number];

/** One holiday: its local date and its German and English name. */
export interface Holiday {
  date: string;
  name: { de: string; en: string };
}

const dayMs = 86_400_000;

/** Easter Sunday of a Gregorian year (midnight UTC) (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const fixed = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * dayMs);

/** Buß- und Bettag: the Wednesday before 23 November. */
function repentanceDay(year: number): Date {
  const nov22 = fixed(year, 11, 22);
  const back = (nov22.getUTCDay() - 3 + 7) % 7;
  return plusDays(nov22, -back);
}

interface Rule {
  name: { de: string; en: string };
  date(year: number): Date;
  /** Null: nationwide; otherwise the Länder, each from the year it was introduced. */
  states: Partial<Record<GermanState, number>> | null;
  /** Only in these years (one-off holidays). */
  onlyYears?: number[];
}

const all = (states: readonly GermanState[], from = 1990) =>
  Object.fromEntries(states.map((s) => [s, from])) as Partial<Record<GermanState, number>>;

const rules: Rule[] = [
  { name: { de: "Neujahr", en: "New Year's Day" }, date: (y) => fixed(y, 1, 1), states: null },
  {
    name: { de: "Heilige Drei Könige", en: "Epiphany" },
    date: (y) => fixed(y, 1, 6),
    states: all(["BW", "BY", "ST"]),
  },
  {
    name: { de: "Internationaler Frauentag", en: "International Women's Day" },
    date: (y) => fixed(y, 3, 8),
    states: { BE: 2019, MV: 2023 },
  },
  { name: { de: "Karfreitag", en: "Good Friday" }, date: (y) => plusDays(easterSunday(y), -2), states: null },
  { name: { de: "Ostersonntag", en: "Easter Sunday" }, date: easterSunday, states: all(["BB"]) },
  {
    name: { de: "Ostermontag", en: "Easter Monday" },
    date: (y) => plusDays(easterSunday(y), 1),
    states: null,
  },
  { name: { de: "Tag der Arbeit", en: "Labour Day" }, date: (y) => fixed(y, 5, 1), states: null },
  {
    name: { de: "Christi Himmelfahrt", en: "Ascension Day" },
    date: (y) => plusDays(easterSunday(y), 39),
    states: null,
  },
  {
    name: { de: "Pfingstsonntag", en: "Whit Sunday" },
    date: (y) => plusDays(easterSunday(y), 49),
    states: all(["BB"]),
  },
  {
    name: { de: "Pfingstmontag", en: "Whit Monday" },
    date: (y) => plusDays(easterSunday(y), 50),
    states: null,
  },
  {
    name: { de: "Fronleichnam", en: "Corpus Christi" },
    date: (y) => plusDays(easterSunday(y), 60),
    states: all(["BW", "BY", "HE", "NW", "RP", "SL"]),
  },
  {
    name: { de: "Mariä Himmelfahrt", en: "Assumption Day" },
    date: (y) => fixed(y, 8, 15),
    states: all(["SL"]),
  },
  {
    name: { de: "Weltkindertag", en: "World Children's Day" },
    date: (y) => fixed(y, 9, 20),
    states: { TH: 2019 },
  },
  {
    name: { de: "Tag der Deutschen Einheit", en: "German Unity Day" },
    date: (y) => fixed(y, 10, 3),
    states: null,
  },
  {
    name: { de: "Reformationstag", en: "Reformation Day" },
    date: (y) => fixed(y, 10, 31),
    states: { ...all(["BB", "MV", "SN", "ST", "TH"]), HB: 2018, HH: 2018, NI: 2018, SH: 2018 },
  },
  {
    // The 500th anniversary of the Reformation was a holiday everywhere, once.
    name: { de: "Reformationstag", en: "Reformation Day" },
    date: (y) => fixed(y, 10, 31),
    states: all(["BW", "BY", "BE", "HB", "HH", "HE", "NI", "NW", "RP", "SL", "SH"]),
    onlyYears: [2017],
  },
  {
    name: { de: "Allerheiligen", en: "All Saints' Day" },
    date: (y) => fixed(y, 11, 1),
    states: all(["BW", "BY", "NW", "RP", "SL"]),
  },
  {
    name: { de: "Buß- und Bettag", en: "Day of Repentance and Prayer" },
    date: repentanceDay,
    states: all(["SN"]),
  },
  { name: { de: "1. Weihnachtstag", en: "Christmas Day" }, date: (y) => fixed(y, 12, 25), states: null },
  { name: { de: "2. Weihnachtstag", en: "Boxing Day" }, date: (y) => fixed(y, 12, 26), states: null },
];

/** The public holidays of a year nationwide, plus those of one Land when given, in date order. */
export function germanHolidays(year: number, state?: GermanState): Holiday[] {
  const out: Holiday[] = [];
  for (const rule of rules) {
    if (rule.onlyYears && !rule.onlyYears.includes(year)) continue;
    if (rule.states !== null) {
      const from = state ? rule.states[state] : undefined;
      if (from === undefined || year < from) continue;
    }
    out.push({ date: iso(rule.date(year)), name: rule.name });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
