// Business time: which instants fall within an organisation's service hours, and how many business minutes
// lie between two instants. Wall-clock hours are read in the calendar's IANA time zone, so a day with a
// daylight-saving change keeps its 08:00-18:00 and an overnight shift across the change is an hour shorter
// or longer, as the clock on the wall says.

/** A span of one day's service hours, "HH:MM" wall-clock; an end at or before the start runs past midnight. */
export interface HoursRange {
  start: string;
  end: string;
}

/** When an organisation answers: weekly hours per weekday and holidays, in one time zone. */
export interface ServiceCalendar {
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Seven lists of ranges, Monday first; an empty list is a day off. */
  weekly: HoursRange[][];
  /** Local dates "YYYY-MM-DD" without service; a range that starts on a holiday does not count. */
  holidays: string[];
}

/** Monday to Friday 08:00-18:00 in Europe/Berlin, no holidays. */
export const defaultServiceCalendar: ServiceCalendar = {
  timeZone: "Europe/Berlin",
  weekly: [
    [{ start: "08:00", end: "18:00" }],
    [{ start: "08:00", end: "18:00" }],
    [{ start: "08:00", end: "18:00" }],
    [{ start: "08:00", end: "18:00" }],
    [{ start: "08:00", end: "18:00" }],
    [],
    [],
  ],
  holidays: [],
};

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;
// A calendar whose hours never come within this many days has none worth waiting for.
const searchDays = 800;

/** Minutes since midnight of "HH:MM" (00:00 … 24:00); throws on anything else. */
export function parseClockTime(value: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`"${value}" is not a time HH:MM`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 24 * 60) throw new RangeError(`"${value}" is after 24:00`);
  return minutes;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the time zone is one the runtime knows (IANA name). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a time zone, read from the runtime's time zone data (slow: ~10 µs). */
function formattedWallClock(ms: number, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms, from the time zone data. */
function formattedOffset(ms: number, timeZone: string): number {
  const w = formattedWallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const quarterHourMs = 15 * minuteMs;
const offsetSlotsPerZone = 20_000;
// Offsets per zone and UTC quarter hour: a zone's offset changes only at its transitions, which fall on
// quarter hours; a quarter hour with a transition inside (start and end differ) is not cached.
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at an instant, in ms (exactly what the time zone data says, cached). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const slot = Math.floor(ms / quarterHourMs);
  let zone = offsetCache.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const cached = zone.get(slot);
  if (cached !== undefined) return cached;
  const start = slot * quarterHourMs;
  const first = formattedOffset(start, timeZone);
  const last = formattedOffset(start + quarterHourMs - 1000, timeZone);
  if (first !== last) return formattedOffset(ms, timeZone);
  if (zone.size >= offsetSlotsPerZone) zone.clear();
  zone.set(slot, first);
  return first;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(ms: number, timeZone: string) {
  const local = new Date(Math.floor(ms / 1000) * 1000 + zoneOffsetMs(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** A local day as the number of days since 1970-01-01 (the day's own calendar, no zone). */
export type DayNumber = number;

/** The local day an instant falls on in a time zone. */
export function localDay(ms: number, timeZone: string): DayNumber {
  const w = wallClock(ms, timeZone);
  return Math.round(Date.UTC(w.year, w.month - 1, w.day) / dayMs);
}

/** "YYYY-MM-DD" of a day number. */
export function dayKey(day: DayNumber): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** The instant a wall-clock time of a local day has in the zone; a time skipped by a DST change moves on by the gap. */
export function instantOf(day: DayNumber, minutes: number, timeZone: string): number {
  const naive = day * dayMs + minutes * minuteMs;
  const first = naive - zoneOffsetMs(naive, timeZone);
  const second = naive - zoneOffsetMs(first, timeZone);
  return second;
}

/** Monday 0 … Sunday 6. */
export function weekdayOf(day: DayNumber): number {
  return (new Date(day * dayMs).getUTCDay() + 6) % 7;
}

interface Interval {
  start: number;
  end: number;
}

/** The service intervals of the ranges that start on one local day. */
function intervalsOfDay(
  calendar: ServiceCalendar,
  holidays: ReadonlySet<string>,
  day: DayNumber,
): Interval[] {
  if (holidays.has(dayKey(day))) return [];
  const ranges = calendar.weekly[weekdayOf(day)] ?? [];
  const out: Interval[] = [];
  for (const range of ranges) {
    const from = parseClockTime(range.start);
    const to = parseClockTime(range.end);
    const start = instantOf(day, from, calendar.timeZone);
    const end = to > from ? instantOf(day, to, calendar.timeZone) : instantOf(day + 1, to, calendar.timeZone);
    if (end > start) out.push({ start, end });
  }
  return out;
}

interface DayCache {
  holidays: ReadonlySet<string>;
  days: Map<DayNumber, readonly Interval[]>;
}

// Days already worked out, per calendar object: reading wall clocks through Intl is the slow part, and a
// sync that opens 200 conversations asks for the same fortnight 400 times. Calendars are values (settings
// read from the database, never changed in place), so the object is the key.
const dayCaches = new WeakMap<ServiceCalendar, DayCache>();
const maxCachedDays = 4096;

function cachedIntervalsOfDay(calendar: ServiceCalendar, day: DayNumber): readonly Interval[] {
  let cache = dayCaches.get(calendar);
  if (!cache) {
    cache = { holidays: new Set(calendar.holidays), days: new Map() };
    dayCaches.set(calendar, cache);
  }
  let intervals = cache.days.get(day);
  if (!intervals) {
    if (cache.days.size >= maxCachedDays) cache.days.clear();
    intervals = intervalsOfDay(calendar, cache.holidays, day);
    cache.days.set(day, intervals);
  }
  return intervals;
}

/** Service intervals starting on the given days, sorted and merged where they touch or overlap. */
function mergedIntervals(calendar: ServiceCalendar, fromDay: DayNumber, toDay: DayNumber): Interval[] {
  const all: Interval[] = [];
  for (let day = fromDay; day <= toDay; day++) all.push(...cachedIntervalsOfDay(calendar, day));
  all.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of all) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** Whether an instant falls within the calendar's service hours. */
export function isWithinBusinessHours(calendar: ServiceCalendar, at: Date): boolean {
  const ms = at.getTime();
  const day = localDay(ms, calendar.timeZone);
  // A range of the day before may run past midnight into this one.
  return mergedIntervals(calendar, day - 1, day).some((i) => i.start <= ms && ms < i.end);
}

/**
 * The instant `minutes` business minutes after `start`. Zero minutes outside service hours gives the next
 * moment service starts. Throws a RangeError when the calendar has no service hours in the next two years.
 */
export function addBusinessMinutes(calendar: ServiceCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, not ${minutes}`);
  let remaining = minutes * minuteMs;
  const startMs = start.getTime();
  const firstDay = localDay(startMs, calendar.timeZone) - 1;
  // Work through the days in chunks of a fortnight, so a short target reads little of the calendar.
  for (let day = firstDay; day < firstDay + searchDays; day += 14) {
    for (const interval of mergedIntervals(calendar, day, day + 13)) {
      if (interval.end <= startMs) continue;
      const from = Math.max(interval.start, startMs);
      const available = interval.end - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
  }
  throw new RangeError("the service calendar has no business hours in the next two years");
}

/** Business minutes between two instants (0 when `b` is not after `a`); fractions of a minute are kept. */
export function businessMinutesBetween(calendar: ServiceCalendar, a: Date, b: Date): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  const intervals = mergedIntervals(
    calendar,
    localDay(from, calendar.timeZone) - 1,
    localDay(to, calendar.timeZone),
  );
  let total = 0;
  for (const interval of intervals) {
    const overlap = Math.min(interval.end, to) - Math.max(interval.start, from);
    if (overlap > 0) total += overlap;
  }
  return total / minuteMs;
}
