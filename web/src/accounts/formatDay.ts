/**
 * A calendar day (YYYY-MM-DD) in the UI language, e.g. "15.04.2026" or "Apr 15, 2026". Read and written in
 * UTC: the day was recorded as a day, and no time zone may move it to the day before.
 */
export function formatDay(day: string, lang: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(day) || Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}
