// When a scheduled situation report is due and which period it covers: "every Monday at 08:00 in
// Europe/Berlin, the week before". Pure; wall-clock time in a time zone is read with Intl, so days and hours
// stay where people expect them across summer time.

/** A report's schedule: daily, or weekly on a weekday (1 = Monday … 7 = Sunday), at an hour of a time zone. */
export interface DigestSchedule {
  frequency: "daily" | "weekly";
  weekday: number;
  hour: number;
  timeZone: string;
}

/** Whether `name` is an IANA time zone this runtime knows (e.g. `Europe/Berlin`). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 100) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock time of an instant in a time zone. */
function wallTime(at: number, timeZone: string): WallTime {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: weekdays[parts.weekday ?? ""] ?? 1,
  };
}

/**
 * The instant a wall-clock hour of a date has in a time zone. An hour that a change to summer time skips
 * (02:00 on the last Sunday of March in Central Europe) comes out as the hour after it; one that the change
 * back repeats, as one of the two.
 */
export function zonedHour(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const naive = Date.UTC(year, month - 1, day, hour);
  // How far the zone's wall clock is ahead of UTC at an instant (whole minutes).
  const offsetAt = (at: number) => {
    const w = wallTime(at, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - at;
  };
  const guess = naive - offsetAt(naive);
  const offset = offsetAt(guess);
  return new Date(offset === offsetAt(naive) ? guess : naive - offset);
}

/**
 * The latest report due at or before `now`, and the period it covers: [from, to), where `to` is the scheduled
 * time and `from` the same hour one day or seven days earlier (wall-clock days, so 23 or 25 hours across a
 * change of summer time).
 */
export function latestDigest(schedule: DigestSchedule, now: Date): { from: Date; to: Date } {
  const local = wallTime(now.getTime(), schedule.timeZone);
  // The scheduled day on or before today, then one period further back while it lies after now.
  let back = schedule.frequency === "weekly" ? (local.weekday - schedule.weekday + 7) % 7 : 0;
  const step = schedule.frequency === "weekly" ? 7 : 1;
  const at = (daysBack: number) => {
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day - daysBack));
    return zonedHour(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      schedule.hour,
      schedule.timeZone,
    );
  };
  let to = at(back);
  if (to.getTime() > now.getTime()) {
    back += step;
    to = at(back);
  }
  return { from: at(back + step), to };
}
