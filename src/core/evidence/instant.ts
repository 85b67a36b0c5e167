/**
 * An absolute date and time for evidence, unambiguous for German authorities: UTC plus the
 * German legal time with its zone abbreviation, e.g. `2026-11-25 08:30:00 UTC (25.11.2026, 09:30:00 MEZ, Europe/Berlin)`.
 */
export function formatInstant(at: Date): string {
  const utc = `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  const berlin = new Intl.DateTimeFormat("de-DE", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(at);
  return `${utc} (${berlin}, Europe/Berlin)`;
}
