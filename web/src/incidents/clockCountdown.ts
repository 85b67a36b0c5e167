/** The time left until `dueIso` as "3 d 4 h", "5 h 12 min" or "42 min"; null once it has passed. */
export function clockCountdown(dueIso: string, now: number): string | null {
  const left = new Date(dueIso).getTime() - now;
  if (!(left > 0)) return null;
  const minutes = Math.floor(left / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}
