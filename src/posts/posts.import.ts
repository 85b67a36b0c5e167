import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { CsvError, parse as parseCsv } from "csv-parse";
import { z } from "zod";
import { AuthorRef, type IngestProblem, PostCreate } from "./posts.schema.ts";

/** File formats `brandwache import` reads; a `.gz` suffix adds gzip on top of either. */
export type PostFileFormat = "jsonl" | "csv";

/** One row of an import file: a valid post, or the problems that kept it out. */
export type PostRow = { line: number; post: PostCreate } | { line: number; problems: IngestProblem[] };

/** Options of `readPostStream`. */
export type ReadPostStreamOptions = {
  /** Longest line (JSONL) or row (CSV) in bytes; longer ones are reported, not buffered. Default 1 MiB. */
  maxLineBytes?: number;
};

/** Options of `readPostFile`. */
export type ReadPostFileOptions = ReadPostStreamOptions & {
  /** Overrides the format the file extension implies. */
  format?: PostFileFormat;
  /** Called as the file is read, with bytes of the file on disk (compressed for `.gz`). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
};

const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
const FORMAT_BY_EXTENSION: Record<string, PostFileFormat> = { jsonl: "jsonl", ndjson: "jsonl", csv: "csv" };
const ACCEPTED_EXTENSIONS = ".jsonl, .ndjson, .csv (each optionally .gz)";

/**
 * Reads a JSONL or CSV file of posts row by row, as fast as the consumer iterates.
 * Throws at once for an unknown extension; I/O errors are thrown from the iteration and name the file.
 */
export function readPostFile(path: string, options: ReadPostFileOptions = {}): AsyncGenerator<PostRow> {
  const gzip = /\.gz$/i.test(path);
  const extension = /\.([^./\\]+)$/.exec(path.replace(/\.gz$/i, ""))?.[1]?.toLowerCase() ?? "";
  const format = options.format ?? FORMAT_BY_EXTENSION[extension];
  if (format === undefined) {
    throw new Error(`Cannot import ${path}: unknown file type; accepted are ${ACCEPTED_EXTENSIONS}.`);
  }
  return readPostStream(readFileChunks(path, gzip, options.onProgress), format, options);
}

/** Reads posts from a byte stream (a file, gunzipped data, an in-memory stream in tests). */
export function readPostStream(
  source: AsyncIterable<Uint8Array | string>,
  format: PostFileFormat,
  options: ReadPostStreamOptions = {},
): AsyncGenerator<PostRow> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  return format === "jsonl" ? readJsonlRows(source, maxLineBytes) : readCsvRows(source, maxLineBytes);
}

async function* readFileChunks(
  path: string,
  gzip: boolean,
  onProgress: ReadPostFileOptions["onProgress"],
): AsyncGenerator<Uint8Array> {
  const size = await stat(path).then(
    (stats) => stats.size,
    (error: Error) => {
      throw new Error(`Cannot read ${path}: ${error.message}`, { cause: error });
    },
  );
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  // pipeline, unlike pipe, passes a read error of the file on to the gunzip stream we iterate.
  const body = gzip ? pipeline(file, createGunzip(), () => {}) : file;
  try {
    for await (const chunk of body) {
      onProgress?.(file.bytesRead, size);
      yield chunk as Buffer;
    }
  } catch (error) {
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  } finally {
    body.destroy();
    file.destroy();
  }
}

// --- Validation -----------------------------------------------------------------------------------

const ISO_DATE_MESSAGE = "must be an ISO 8601 date such as 2024-05-01T14:30:00Z";

// `z.coerce.date()` in PostCreate takes whatever `new Date()` takes, and V8 reads the German
// "01.05.2024" as 5 January. A file is untrusted text, so dates must at least start as ISO 8601.
const IsoDate = z
  .string({ error: (issue) => (issue.input === undefined ? "is required but missing" : ISO_DATE_MESSAGE) })
  .regex(/^\d{4}-\d{2}-\d{2}/, ISO_DATE_MESSAGE)
  .pipe(z.coerce.date());

/** PostCreate with dates that must be ISO 8601 text; the output is a PostCreate. */
const ImportedPost = PostCreate.extend({
  postedAt: IsoDate,
  author: AuthorRef.extend({ createdAt: IsoDate.optional() }),
});

function validatePost(
  line: number,
  value: unknown,
  columnOf?: (field: string) => string | undefined,
): PostRow {
  const result = ImportedPost.safeParse(value, { error: describeIssue });
  if (result.success) return { line, post: result.data };
  const problems = result.error.issues.flatMap((issue) => {
    const path = issue.path.join(".");
    const fields =
      issue.code === "unrecognized_keys" ? issue.keys.map((key) => (path ? `${path}.${key}` : key)) : [path];
    return fields.map((field) => {
      const column = columnOf?.(field);
      const message = column === undefined ? issue.message : `${issue.message} (column "${column}")`;
      return { line, field: field || "(post)", message };
    });
  });
  return { line, problems };
}

/** Turns a zod issue into a sentence a person who exported the file understands. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required but missing";
      if (issue.expected === "date") return ISO_DATE_MESSAGE;
      if (issue.expected === "int") return "must be a whole number";
      return `must be ${article(issue.expected)}, not ${issue.input === null ? "null" : article(describeType(issue.input))}`;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}; got ${JSON.stringify(issue.input)}`;
    case "too_small":
      if (issue.origin === "string" && issue.minimum === 1) return "must not be empty";
      return issue.origin === "string"
        ? `must be at least ${issue.minimum} characters long`
        : `must be ${issue.minimum} or more`;
    case "too_big":
      return issue.origin === "string"
        ? `must be at most ${issue.maximum} characters long`
        : `must be ${issue.maximum} or less`;
    case "invalid_format":
      return issue.format === "url" ? "must be an http or https URL" : `is not a valid ${issue.format}`;
    case "unrecognized_keys":
      return "is not a field of a post";
    default:
      return undefined;
  }
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

// --- JSONL ----------------------------------------------------------------------------------------

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

type JsonlLine = { line: number; text: string } | { line: number; overlongBytes: number };

async function* readJsonlRows(
  source: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number,
): AsyncGenerator<PostRow> {
  for await (const entry of splitLines(source, maxLineBytes)) {
    const { line } = entry;
    if ("overlongBytes" in entry) {
      const message = `the line is ${formatBytes(entry.overlongBytes)} long, more than the limit of ${formatBytes(maxLineBytes)}; it was skipped`;
      yield { line, problems: [{ line, field: "(line)", message }] };
      continue;
    }
    const text = line === 1 && entry.text.startsWith("\uFEFF") ? entry.text.slice(1) : entry.text;
    if (/^[ \t\r]*$/.test(text)) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, problems: [{ line, field: "(json)", message: (error as Error).message }] };
      continue;
    }
    yield validatePost(line, value);
  }
}

/** Splits bytes at `\n` and decodes each line; a line past `maxLineBytes` is counted, never kept. */
async function* splitLines(
  source: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number,
): AsyncGenerator<JsonlLine> {
  let line = 1;
  let pieces: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  for await (const input of source) {
    const chunk = Buffer.isBuffer(input) ? input : Buffer.from(input);
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      const stop = end === -1 ? chunk.length : end;
      pendingBytes += stop - start;
      if (pendingBytes > maxLineBytes) {
        overlong = true;
        pieces = [];
      } else if (stop > start) {
        pieces.push(chunk.subarray(start, stop));
      }
      if (end === -1) break;
      yield finishLine(line, pieces, pendingBytes, overlong);
      line += 1;
      pieces = [];
      pendingBytes = 0;
      overlong = false;
      start = end + 1;
    }
    // subarray shares memory with the chunk; copy the unfinished tail so the chunk can be freed.
    if (pieces.length > 0) pieces = [Buffer.concat(pieces)];
  }
  if (pendingBytes > 0) yield finishLine(line, pieces, pendingBytes, overlong);
}

function finishLine(line: number, pieces: Buffer[], bytes: number, overlong: boolean): JsonlLine {
  if (overlong) return { line, overlongBytes: bytes };
  const bytesOfLine = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
  const end = bytesOfLine.at(-1) === CARRIAGE_RETURN ? bytesOfLine.length - 1 : bytesOfLine.length;
  return { line, text: bytesOfLine.toString("utf8", 0, end) };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

// --- CSV ------------------------------------------------------------------------------------------

/** CSV columns by normalised name (lower case, no `_`), so `external_id` and `externalId` both match. */
const CSV_FIELDS: Record<string, string> = {
  platform: "platform",
  externalid: "externalId",
  text: "text",
  postedat: "postedAt",
  authorhandle: "author.handle",
  authorname: "author.displayName",
  authordisplayname: "author.displayName",
  authorfollowers: "author.followers",
  authorcreatedat: "author.createdAt",
  url: "url",
  lang: "lang",
  inreplyto: "inReplyTo",
  likes: "metrics.likes",
  shares: "metrics.shares",
  replies: "metrics.replies",
  views: "metrics.views",
};
const REQUIRED_CSV_COLUMNS: Record<string, string> = {
  platform: "platform",
  externalId: "external_id",
  text: "text",
  postedAt: "posted_at",
  "author.handle": "author_handle",
};
const NUMERIC_FIELDS = new Set([
  "author.followers",
  "metrics.likes",
  "metrics.shares",
  "metrics.replies",
  "metrics.views",
]);

type CsvColumn = { index: number; name: string; field: string };
type CsvEvent =
  | { kind: "record"; cells: string[]; lines: number }
  | { kind: "skip"; error: CsvError; raw: string };

async function* readCsvRows(
  source: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number,
): AsyncGenerator<PostRow> {
  const events: CsvEvent[] = [];
  const parser = parseCsv({
    bom: true,
    raw: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: maxLineBytes,
    // Records are collected here, not read from the stream: on a fatal error csv-parse destroys
    // the stream and the records it had buffered before the error would be lost.
    on_record: (entry, context) => {
      // With `raw: true` csv-parse hands over `{ record, raw }`; its types only know the bare record.
      const { record } = entry as unknown as { record: string[] };
      events.push({ kind: "record", cells: record, lines: context.lines });
      return null;
    },
    on_skip: (error, raw) => {
      // Past this limit csv-parse cannot resynchronise; throwing turns it into a stream error.
      if (error === undefined || error.code === "CSV_MAX_RECORD_SIZE") throw error;
      events.push({ kind: "skip", error, raw: raw ?? "" });
      return undefined;
    },
  });
  parser.on("error", () => {}); // errors arrive through the write callbacks below
  const rows = new CsvRowReader(maxLineBytes);
  try {
    let failure: Error | undefined;
    for await (const chunk of source) {
      failure = await new Promise<Error | undefined>((resolve) =>
        parser.write(chunk, (error) => resolve(error ?? undefined)),
      );
      yield* rows.take(events);
      if (failure !== undefined || rows.stopped) break;
    }
    if (failure === undefined && !rows.stopped) {
      failure = await new Promise<Error | undefined>((resolve) => {
        parser.once("finish", () => resolve(undefined));
        parser.once("error", resolve);
        parser.end();
      });
      yield* rows.take(events);
    }
    if (failure !== undefined && !(failure instanceof CsvError)) throw failure;
    yield* rows.finish(failure);
  } finally {
    parser.destroy();
  }
}

/** Turns csv-parse's records and skips into PostRows, keeping its own count of lines. */
class CsvRowReader {
  stopped = false;
  private columns: CsvColumn[] | undefined;
  private headerLength = 0;
  // csv-parse counts each \r inside a field as an extra line; this is how many it has counted so far.
  private phantomLines = 0;
  private pendingSkip: { line: number; lastLine: number; message: string } | undefined;

  constructor(private readonly maxLineBytes: number) {}

  *take(events: CsvEvent[]): Generator<PostRow> {
    for (const event of events.splice(0)) {
      if (this.stopped) return;
      if (event.kind === "skip") {
        yield* this.skip(event.error, event.raw);
        continue;
      }
      if (this.pendingSkip) yield this.flushSkip();
      const row = this.record(event.cells, event.lines);
      if (row) yield row;
    }
  }

  *finish(failure: CsvError | undefined): Generator<PostRow> {
    if (this.pendingSkip) yield this.flushSkip();
    if (this.stopped) return;
    if (failure !== undefined) {
      const { line } = this.lineOfError(failure, typeof failure.raw === "string" ? failure.raw : "");
      const message =
        failure.code === "CSV_MAX_RECORD_SIZE"
          ? `a row is longer than the limit of ${formatBytes(this.maxLineBytes)}; reading stopped here`
          : `${failure.message}; reading stopped here`;
      yield { line, problems: [{ line, field: "(csv)", message }] };
    } else if (this.columns === undefined) {
      const message = `the file is empty; a header row is required (${Object.values(REQUIRED_CSV_COLUMNS).join(", ")}, …)`;
      yield { line: 1, problems: [{ line: 1, field: "(header)", message }] };
    }
  }

  private *skip(error: CsvError, raw: string): Generator<PostRow> {
    const { line, lastLine } = this.lineOfError(error, raw);
    if (this.pendingSkip?.line === line) {
      this.pendingSkip.lastLine = lastLine;
      return;
    }
    if (this.pendingSkip) yield this.flushSkip();
    this.pendingSkip = { line, lastLine, message: describeCsvError(error) };
  }

  /** Where the row with the error starts and where csv-parse was when it gave up on it. */
  private lineOfError(error: CsvError, raw: string): { line: number; lastLine: number } {
    // raw holds the row up to and including the character that failed, after any blank lines.
    const seen = raw.replace(/^[\r\n]+/, "").slice(0, -1);
    const csvParseLine = Number(error.lines ?? 1);
    return {
      line: csvParseLine - this.phantomLines - countMatches(seen, /[\r\n]/g),
      lastLine: csvParseLine - this.phantomLines - countMatches(seen, /\r/g),
    };
  }

  private flushSkip(): PostRow {
    const { line, lastLine, message } = this.pendingSkip as NonNullable<CsvRowReader["pendingSkip"]>;
    this.pendingSkip = undefined;
    const span = lastLine > line ? `lines ${line}–${lastLine} were skipped` : "the row was skipped";
    return { line, problems: [{ line, field: "(csv)", message: `not valid CSV: ${message}; ${span}` }] };
  }

  private record(cells: string[], lines: number): PostRow | undefined {
    let breaks = 0;
    for (const cell of cells) {
      this.phantomLines += countMatches(cell, /\r/g);
      breaks += countMatches(cell, /\n/g);
    }
    const line = lines - this.phantomLines - breaks;
    if (this.columns === undefined) return this.header(cells, line);
    if (cells.every((cell) => cell === "")) return undefined;
    if (cells.length !== this.headerLength) {
      const message = `the row has ${cells.length} cells but the header has ${this.headerLength}`;
      return { line, problems: [{ line, field: "(csv)", message }] };
    }
    return this.post(cells, line, this.columns);
  }

  private header(cells: string[], line: number): PostRow | undefined {
    const columns: CsvColumn[] = [];
    cells.forEach((name, index) => {
      const field = CSV_FIELDS[name.trim().toLowerCase().replaceAll("_", "")];
      if (field !== undefined && !columns.some((column) => column.field === field)) {
        columns.push({ index, name, field });
      }
    });
    const missing = Object.entries(REQUIRED_CSV_COLUMNS).filter(
      ([field]) => !columns.some((c) => c.field === field),
    );
    if (missing.length > 0) {
      this.stopped = true;
      const names = missing.map(([, name]) => name).join(", ");
      const message = `missing required columns: ${names} (found: ${cells.join(", ")})`;
      return { line, problems: [{ line, field: "(header)", message }] };
    }
    this.columns = columns;
    this.headerLength = cells.length;
    return undefined;
  }

  private post(cells: string[], line: number, columns: CsvColumn[]): PostRow {
    // The author object always exists so that a missing handle is reported as `author.handle`.
    const post: Record<string, unknown> = { author: {} };
    const problems: IngestProblem[] = [];
    for (const { index, name, field } of columns) {
      const cell = cells[index] ?? "";
      if (cell === "") continue;
      let value: unknown = cell;
      if (NUMERIC_FIELDS.has(field)) {
        value = /^\s*-?\d+(\.\d+)?\s*$/.test(cell) ? Number(cell) : undefined;
        if (value === undefined) {
          problems.push({
            line,
            field,
            message: `must be a number, not ${JSON.stringify(cell)} (column "${name}")`,
          });
          continue;
        }
      }
      const [head, tail] = field.split(".") as [string, string | undefined];
      if (tail === undefined) post[head] = value;
      else post[head] = { ...(post[head] as object | undefined), [tail]: value };
    }
    const row = validatePost(line, post, (field) => columns.find((column) => column.field === field)?.name);
    if (problems.length === 0) return row;
    return { line, problems: [...problems, ...("problems" in row ? row.problems : [])] };
  }
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case "CSV_INVALID_CLOSING_QUOTE":
      return "a closing quote is followed by more text instead of a comma or the end of the line";
    case "INVALID_OPENING_QUOTE":
      return "a quote appears inside an unquoted cell (quote the whole cell and double the inner quotes)";
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted cell opened here is never closed";
    default:
      return error.message;
  }
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
