// When a scheduled situation report is due and which period it covers: "every Monday at 08:00 in
// Europe/Berlin, the week before". Pure; days and hours are those of the schedule's time zone (the service
// calendar's time-zone arithmetic), so they stay where people expect them across summer time.
import { instantOf, localDay, weekdayOf } from "../sla/calendar.ts";

/** A report's schedule: daily, or weekly on a weekday (1 = Monday … 7 = Sunday), at an hour of a time zone. */
export interface DigestSchedule {
  frequency: "daily" | "weekly";
  weekday: number;
  hour: number;
  timeZone: string;
}

/**
 * The latest report due at or before `now`, and the period it covers: [from, to), where `to` is the scheduled
 * time and `from` the same hour one day or seven days earlier (local days, so 23 or 25 hours across a
 * change of summer time). An hour that the change to summer time skips counts as the hour after it.
 */
export function latestDigest(schedule: DigestSchedule, now: Date): { from: Date; to: Date } {
  const { frequency, hour, timeZone } = schedule;
  const today = localDay(now.getTime(), timeZone);
  const step = frequency === "weekly" ? 7 : 1;
  // The scheduled day on or before today (weekdayOf counts Monday as 0), one period further back if its hour
  // is still to come.
  let day = frequency === "weekly" ? today - ((weekdayOf(today) - (schedule.weekday - 1) + 7) % 7) : today;
  if (instantOf(day, hour * 60, timeZone) > now.getTime()) day -= step;
  return {
    from: new Date(instantOf(day - step, hour * 60, timeZone)),
    to: new Date(instantOf(day, hour * 60, timeZone)),
  };
}
