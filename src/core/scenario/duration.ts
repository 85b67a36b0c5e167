/** A parsed duration: milliseconds, or why the text is not a duration. */
export type DurationResult = { ok: true; ms: number } | { ok: false; message: string };

const DURATION_PATTERN = /^(?:(\d{1,4})h)?(?:(\d{1,5})m)?(?:(\d{1,6})s)?$/;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Parses a scenario duration such as "90s", "2m", "1h30m" or "1h" (units in the order h, m, s, whole numbers). */
export function parseDuration(text: string): DurationResult {
  const match = DURATION_PATTERN.exec(text);
  if (text === "" || match === null) {
    return {
      ok: false,
      message: `"${text}" is not a duration; write whole hours, minutes and seconds in that order, like "90s", "2m", "1h30m"`,
    };
  }
  const [, hours = "0", minutes = "0", seconds = "0"] = match;
  return { ok: true, ms: Number(hours) * HOUR + Number(minutes) * MINUTE + Number(seconds) * SECOND };
}

/** Writes whole seconds as the shortest canonical duration ("1h30m", "90s" becomes "1m30s", 0 becomes "0s"). */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms / SECOND) || ms < 0) {
    throw new RangeError(`${ms} ms is not a non-negative whole number of seconds`);
  }
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = Math.floor((ms % MINUTE) / SECOND);
  const text = `${hours ? `${hours}h` : ""}${minutes ? `${minutes}m` : ""}${seconds ? `${seconds}s` : ""}`;
  return text === "" ? "0s" : text;
}
