/** A NAB file read into columns: the timestamps in ms (UTC) and every other column as numbers. */
export interface NabTable {
  /** Row timestamps in milliseconds since the epoch, read as UTC. */
  timestamps: Float64Array;
  /** Every column but `timestamp`, by header name; an empty or non-numeric cell is NaN. */
  columns: Record<string, Float64Array>;
}

const timestampPattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

/** Milliseconds since the epoch of a NAB timestamp such as `2014-04-10 07:15:00.000000` (read as UTC). */
export function parseNabTimestamp(text: string): number {
  const m = timestampPattern.exec(text.trim());
  if (!m) throw new Error(`not a NAB timestamp: ${JSON.stringify(text)}`);
  const fraction = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return (
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) +
    fraction
  );
}

/**
 * Reads a NAB data or results CSV (`timestamp,value[,anomaly_score,…]`). NAB writes plain numeric CSV without
 * quoting, so splitting on commas is exact and keeps the whole corpus loading in well under a second.
 */
export function parseNabCsv(text: string): NabTable {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = (lines[0] ?? "").split(",").map((name) => name.trim());
  const timeColumn = header.indexOf("timestamp");
  if (timeColumn < 0) throw new Error("NAB CSV without a timestamp column");
  const rowCount = lines.length - 1;
  const timestamps = new Float64Array(rowCount);
  const columns: Record<string, Float64Array> = {};
  const valueColumns = header.flatMap((name, index) => (index === timeColumn ? [] : [{ name, index }]));
  for (const { name } of valueColumns) columns[name] = new Float64Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    const cells = (lines[row + 1] ?? "").split(",");
    timestamps[row] = parseNabTimestamp(cells[timeColumn] ?? "");
    for (const { name, index } of valueColumns) {
      const cell = cells[index]?.trim() ?? "";
      (columns[name] as Float64Array)[row] = cell === "" ? Number.NaN : Number(cell);
    }
  }
  return { timestamps, columns };
}
