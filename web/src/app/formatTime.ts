/** An absolute date and time in the UI language, e.g. "25.11.2025, 11:34:05" or "Nov 25, 2025, 11:34:05 AM". */
export function formatDateTime(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "medium" }).format(date);
}

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.345],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "vor 5 Minuten" / "5 minutes ago": the distance from `now` in the largest fitting unit. */
export function formatRelativeTime(iso: string, now: number, lang: string): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  let value = (then - now) / 1000;
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) {
      // Clock skew can put a just-arrived post a second in the future; call that "now".
      const rounded = unit === "second" && value > 0 ? 0 : Math.round(value);
      return format.format(rounded, unit);
    }
    value /= size;
  }
  return format.format(Math.round(value), "year");
}
