import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostFileFormat, type PostRow, readPostFile, readPostStream } from "./posts.import.ts";
import { PostCreate } from "./posts.schema.ts";

const outageComplaint = {
  platform: "mastodon",
  externalId: "112233445566778899",
  text: "Seit drei Tagen kein Internet und die Hotline legt einfach auf. Danke für nichts, @stadtwerke_nord! #Störung",
  postedAt: "2024-05-02T08:15:00.000Z",
  author: { handle: "jana_k@chaos.social", displayName: "Jana K.", followers: 412 },
  url: "https://chaos.social/@jana_k/112233445566778899",
  lang: "de",
  metrics: { likes: 23, shares: 9, replies: 4 },
};
const refundThread = {
  platform: "bluesky",
  externalId: "3kq2xbm7wlc2a",
  text: "Week three without a refund from @acmeair. Anyone else stuck in this loop? #AcmeAirFail",
  postedAt: "2024-05-02T09:40:12.000Z",
  author: { handle: "dana.bsky.social", followers: 1830, createdAt: "2023-03-14T00:00:00.000Z" },
  lang: "en",
};
const boycottCall = {
  platform: "x",
  externalId: "1786012345678901234",
  text: "Wer bei @stadtwerke_nord noch Kunde ist, ist selbst schuld. Kündigt alle! 🔥",
  postedAt: "2024-05-02T10:02:55.000Z",
  author: { handle: "wutbuerger_hh" },
  inReplyTo: "1786011111111111111",
};

function jsonl(...lines: unknown[]): string {
  return lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n");
}

/** Feeds text as a stream in chunks of the given size, to cross every boundary a file read might. */
async function* chunksOf(data: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

async function readAll(
  data: string | Buffer,
  format: PostFileFormat,
  options: { chunkSize?: number; maxLineBytes?: number } = {},
): Promise<PostRow[]> {
  const rows: PostRow[] = [];
  const source = chunksOf(data, options.chunkSize ?? 64 * 1024);
  for await (const row of readPostStream(source, format, { maxLineBytes: options.maxLineBytes }))
    rows.push(row);
  return rows;
}

function problemsOf(rows: PostRow[]) {
  return rows.flatMap((row) => ("problems" in row ? row.problems : []));
}

function postsOf(rows: PostRow[]) {
  return rows.flatMap((row) => ("post" in row ? [row.post] : []));
}

describe("readPostStream with JSONL", () => {
  it("keeps valid German and English posts and reports broken lines by line and field", async () => {
    const text = jsonl(
      outageComplaint,
      refundThread,
      { ...boycottCall, author: { handle: "" } },
      '{"platform": "x", "text": "Abzocke!!!"',
      boycottCall,
    );
    const rows = await readAll(text, "jsonl");

    expect(rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 5]);
    expect(postsOf(rows).map((post) => post.externalId)).toEqual([
      outageComplaint.externalId,
      refundThread.externalId,
      boycottCall.externalId,
    ]);
    expect(problemsOf(rows)).toEqual([
      { line: 3, field: "author.handle", message: "must not be empty" },
      { line: 4, field: "(json)", message: expect.stringContaining("JSON") },
    ]);
  });

  it("returns posts in PostCreate shape with dates as Date objects", async () => {
    const [row] = await readAll(jsonl(refundThread), "jsonl");

    expect(row).toEqual({ line: 1, post: PostCreate.parse(refundThread) });
    expect(row && "post" in row && row.post.postedAt).toEqual(new Date("2024-05-02T09:40:12Z"));
  });

  it("reports every schema issue of a row with its dotted path", async () => {
    const broken = {
      ...outageComplaint,
      platform: "tiktok",
      author: { followers: -4 },
      metrics: { likes: 2.5 },
      sentiment: "negativ",
    };
    const [row] = await readAll(jsonl(broken), "jsonl");

    expect(row && "problems" in row && row.problems).toEqual([
      { line: 1, field: "platform", message: expect.stringMatching(/^must be one of mastodon, bluesky/) },
      { line: 1, field: "author.handle", message: "is required but missing" },
      { line: 1, field: "author.followers", message: "must be 0 or more" },
      { line: 1, field: "metrics.likes", message: "must be a whole number" },
      { line: 1, field: "sentiment", message: "is not a field of a post" },
    ]);
  });

  it("rejects a German date like 01.05.2024 instead of reading it as 5 January", async () => {
    const [row] = await readAll(jsonl({ ...outageComplaint, postedAt: "01.05.2024 14:30" }), "jsonl");

    expect(row && "problems" in row && row.problems).toEqual([
      { line: 1, field: "postedAt", message: expect.stringContaining("ISO 8601") },
    ]);
  });

  it("reports a line that is JSON but not an object", async () => {
    const rows = await readAll(jsonl("42", "null"), "jsonl");

    expect(problemsOf(rows)).toEqual([
      { line: 1, field: "(post)", message: "must be an object, not a number" },
      { line: 2, field: "(post)", message: "must be an object, not null" },
    ]);
  });

  it("skips blank lines but keeps counting them", async () => {
    const rows = await readAll(`\n${jsonl(outageComplaint)}\n\n   \n{kaputt}\n\n`, "jsonl");

    expect(rows.map((row) => [row.line, "post" in row])).toEqual([
      [2, true],
      [5, false],
    ]);
  });

  it("reads a file with a UTF-8 BOM and Windows line endings", async () => {
    const text = `\uFEFF${jsonl(outageComplaint, refundThread, "{oops}").replaceAll("\n", "\r\n")}\r\n`;
    const rows = await readAll(text, "jsonl");

    expect(postsOf(rows).map((post) => post.text)).toEqual([outageComplaint.text, refundThread.text]);
    expect(problemsOf(rows).map((problem) => problem.line)).toEqual([3]);
  });

  it("decodes umlauts and emoji split across chunk boundaries", async () => {
    const rows = await readAll(jsonl(boycottCall, outageComplaint), "jsonl", { chunkSize: 3 });

    expect(postsOf(rows).map((post) => post.text)).toEqual([boycottCall.text, outageComplaint.text]);
  });

  it("reports an overlong line and keeps the rows around it", async () => {
    const spam = { ...refundThread, text: "Gewinnspiel! ".repeat(2000) };
    const rows = await readAll(jsonl(outageComplaint, spam, boycottCall), "jsonl", {
      maxLineBytes: 4096,
      chunkSize: 1000,
    });

    expect(postsOf(rows).map((post) => post.externalId)).toEqual([
      outageComplaint.externalId,
      boycottCall.externalId,
    ]);
    expect(problemsOf(rows)).toEqual([
      { line: 2, field: "(line)", message: expect.stringMatching(/limit of 4\.0 KiB; it was skipped$/) },
    ]);
  });

  it("reads a stream with no newline at all without holding it, reporting one overlong line", async () => {
    async function* endlessLine(): AsyncGenerator<Buffer> {
      const block = Buffer.alloc(1024 * 1024, "a");
      for (let i = 0; i < 64; i++) yield block;
    }
    const rows: PostRow[] = [];
    for await (const row of readPostStream(endlessLine(), "jsonl")) rows.push(row);

    expect(problemsOf(rows)).toEqual([
      {
        line: 1,
        field: "(line)",
        message: "the line is 64.0 MiB long, more than the limit of 1.0 MiB; it was skipped",
      },
    ]);
  });
});

const CSV_HEADER =
  "platform,external_id,text,posted_at,author_handle,author_name,author_followers,author_created_at,url,lang,in_reply_to,likes,shares,replies,views";

describe("readPostStream with CSV", () => {
  it("keeps valid rows and reports a broken row by the line it starts on, after a multi-line cell", async () => {
    const csv = [
      CSV_HEADER,
      'mastodon,112233,"Seit drei Tagen kein Internet.\nDie Hotline legt auf.\n#Störung",2024-05-02T08:15:00Z,jana_k,Jana K.,412,,,de,,23,9,4,',
      'bluesky,3kq2xbm,"Week three without a refund from @acmeair, anyone else?",2024-05-02T09:40:12Z,,,,,,en,,,,,',
      "x,17860123,Kündigt alle!,2024-05-02T10:02:55Z,wutbuerger_hh,,,,,de,,,,,",
    ].join("\n");
    const rows = await readAll(csv, "csv");

    expect(rows.map((row) => row.line)).toEqual([2, 5, 6]);
    expect(postsOf(rows).map((post) => post.text)).toEqual([
      "Seit drei Tagen kein Internet.\nDie Hotline legt auf.\n#Störung",
      "Kündigt alle!",
    ]);
    expect(problemsOf(rows)).toEqual([
      { line: 5, field: "author.handle", message: 'is required but missing (column "author_handle")' },
    ]);
  });

  it("reads a CSV row into PostCreate shape with numbers, author and metrics", async () => {
    const csv = `${CSV_HEADER}\nmastodon,112233,Kein Netz in Altona,2024-05-02T08:15:00Z,jana_k,Jana K.,412,2019-11-02T00:00:00Z,https://chaos.social/@jana_k/112233,de,111,23,9,4,1200\n`;
    const [row] = await readAll(csv, "csv");

    expect(row).toEqual({
      line: 2,
      post: {
        platform: "mastodon",
        externalId: "112233",
        text: "Kein Netz in Altona",
        postedAt: new Date("2024-05-02T08:15:00Z"),
        author: {
          handle: "jana_k",
          displayName: "Jana K.",
          followers: 412,
          createdAt: new Date("2019-11-02T00:00:00Z"),
        },
        url: "https://chaos.social/@jana_k/112233",
        lang: "de",
        inReplyTo: "111",
        metrics: { likes: 23, shares: 9, replies: 4, views: 1200 },
      },
    });
  });

  it("accepts camelCase column names and ignores unknown columns", async () => {
    const csv = `sentiment,externalId,platform,postedAt,authorHandle,text\nnegativ,abc1,reddit,2024-05-01T12:00:00Z,throwaway_42,"Terrible support, again."\n`;
    const rows = await readAll(csv, "csv");

    expect(postsOf(rows)).toEqual([
      PostCreate.parse({
        platform: "reddit",
        externalId: "abc1",
        postedAt: "2024-05-01T12:00:00Z",
        author: { handle: "throwaway_42" },
        text: "Terrible support, again.",
      }),
    ]);
  });

  it("reports missing required columns once at line 1 and reads no further", async () => {
    const csv = "platform,text,author_handle\nmastodon,Hallo,jana_k\nx,Hello,dana\n";
    const rows = await readAll(csv, "csv");

    expect(rows).toEqual([
      {
        line: 1,
        problems: [
          {
            line: 1,
            field: "(header)",
            message:
              "missing required columns: external_id, posted_at (found: platform, text, author_handle)",
          },
        ],
      },
    ]);
  });

  it("reports an empty CSV file as missing its header", async () => {
    const rows = await readAll("", "csv");

    expect(problemsOf(rows)).toEqual([
      { line: 1, field: "(header)", message: expect.stringContaining("empty") },
    ]);
  });

  it("parses numbers strictly and names the column of a bad one", async () => {
    const csv = `${CSV_HEADER}\nx,1786,Abzocke,2024-05-02T10:02:55Z,wutbuerger_hh,,,,,de,,1.2k,-3,,\n`;
    const rows = await readAll(csv, "csv");

    expect(problemsOf(rows)).toEqual([
      { line: 2, field: "metrics.likes", message: 'must be a number, not "1.2k" (column "likes")' },
      { line: 2, field: "metrics.shares", message: 'must be 0 or more (column "shares")' },
    ]);
  });

  it("reports a row with the wrong number of cells", async () => {
    const csv = `${CSV_HEADER}\nx,1786,Abzocke,2024-05-02T10:02:55Z\n`;
    const rows = await readAll(csv, "csv");

    expect(problemsOf(rows)).toEqual([
      { line: 2, field: "(csv)", message: "the row has 4 cells but the header has 15" },
    ]);
  });

  it("reports a row with a stray quote by its line and keeps the rows after it", async () => {
    const csv = [
      "platform,external_id,text,posted_at,author_handle",
      "mastodon,1,Alles gut,2024-05-02T08:15:00Z,jana_k",
      'x,2,Das ist "Service" bei euch?,2024-05-02T08:16:00Z,wutbuerger_hh',
      "bluesky,3,Still waiting,2024-05-02T08:17:00Z,dana",
    ].join("\n");
    const rows = await readAll(csv, "csv");

    expect(postsOf(rows).map((post) => post.externalId)).toEqual(["1", "3"]);
    expect(problemsOf(rows)).toEqual([
      { line: 3, field: "(csv)", message: expect.stringMatching(/^not valid CSV: a quote appears inside/) },
    ]);
  });

  it("reports a quote that is never closed and keeps the rows before it", async () => {
    const csv = [
      "platform,external_id,text,posted_at,author_handle",
      "mastodon,1,Alles gut,2024-05-02T08:15:00Z,jana_k",
      'x,2,"Das ist Service bei euch?,2024-05-02T08:16:00Z,wutbuerger_hh',
      "bluesky,3,Still waiting,2024-05-02T08:17:00Z,dana",
    ].join("\n");
    const rows = await readAll(csv, "csv");

    expect(postsOf(rows).map((post) => post.externalId)).toEqual(["1"]);
    expect(problemsOf(rows)).toEqual([
      {
        line: 3,
        field: "(csv)",
        message: "not valid CSV: a quoted cell opened here is never closed; lines 3–4 were skipped",
      },
    ]);
  });

  it("counts lines right in a Windows CSV with a BOM and line breaks inside cells", async () => {
    const csv = `\uFEFF${[
      "platform,external_id,text,posted_at,author_handle",
      'mastodon,1,"Erste Zeile\r\nzweite Zeile",2024-05-02T08:15:00Z,jana_k',
      'mastodon,2,"a\r\nb\r\nc",2024-05-02T08:15:00Z,jana_k',
      "bluesky,3,Still waiting,not a date,dana",
      "",
      "bluesky,4,Still waiting,2024-05-02T08:17:00Z,",
    ].join("\r\n")}\r\n`;
    const rows = await readAll(csv, "csv", { chunkSize: 7 });

    expect(rows.map((row) => row.line)).toEqual([2, 4, 7, 9]);
    expect(postsOf(rows).map((post) => post.text)).toEqual(["Erste Zeile\r\nzweite Zeile", "a\r\nb\r\nc"]);
  });

  it("reports a row over the size limit and stops, keeping the rows before it", async () => {
    const csv = [
      "platform,external_id,text,posted_at,author_handle",
      "mastodon,1,Alles gut,2024-05-02T08:15:00Z,jana_k",
      `x,2,${"Spam ".repeat(2000)},2024-05-02T08:16:00Z,bot`,
      "bluesky,3,Still waiting,2024-05-02T08:17:00Z,dana",
    ].join("\n");
    const rows = await readAll(csv, "csv", { maxLineBytes: 4096, chunkSize: 512 });

    expect(postsOf(rows).map((post) => post.externalId)).toEqual(["1"]);
    expect(problemsOf(rows)).toEqual([
      { line: 3, field: "(csv)", message: "a row is longer than the limit of 4.0 KiB; reading stopped here" },
    ]);
  });
});

describe("readPostFile", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "brandwache-import-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function readFile(path: string, options?: Parameters<typeof readPostFile>[1]) {
    const rows: PostRow[] = [];
    for await (const row of readPostFile(path, options)) rows.push(row);
    return rows;
  }

  it("reads gzipped JSONL and CSV files by their extension", async () => {
    const jsonlPath = join(folder, "mentions.ndjson.gz");
    const csvPath = join(folder, "export.CSV.gz");
    await writeFile(jsonlPath, gzipSync(jsonl(outageComplaint, refundThread)));
    await writeFile(
      csvPath,
      gzipSync("platform,external_id,text,posted_at,author_handle\nx,1,Frech!,2024-05-02,kai\n"),
    );

    expect(postsOf(await readFile(jsonlPath))).toHaveLength(2);
    expect(postsOf(await readFile(csvPath)).map((post) => post.text)).toEqual(["Frech!"]);
  });

  it("reports progress in bytes of the file on disk", async () => {
    const path = join(folder, "progress.jsonl");
    const text = jsonl(outageComplaint, refundThread, boycottCall);
    await writeFile(path, text);
    const progress: [number, number][] = [];
    await readFile(path, { onProgress: (bytesRead, totalBytes) => progress.push([bytesRead, totalBytes]) });

    expect(progress.at(-1)).toEqual([Buffer.byteLength(text), Buffer.byteLength(text)]);
  });

  it("uses the format given over the extension", async () => {
    const path = join(folder, "posts.txt");
    await writeFile(path, jsonl(refundThread));

    expect(postsOf(await readFile(path, { format: "jsonl" }))).toHaveLength(1);
  });

  it("refuses an unknown extension, naming the file and the accepted formats", () => {
    expect(() => readPostFile("/tmp/mentions.xlsx")).toThrow(
      "Cannot import /tmp/mentions.xlsx: unknown file type; accepted are .jsonl, .ndjson, .csv (each optionally .gz).",
    );
  });

  it("throws an error naming a file that does not exist", async () => {
    const path = join(folder, "fehlt.jsonl");

    await expect(readFile(path)).rejects.toThrow(`Cannot read ${path}: ENOENT`);
  });
});

// --- Properties -----------------------------------------------------------------------------------

const words = fc.constantFrom(
  "Störung",
  "Kündigung",
  "Abzocke",
  "refund",
  "outage",
  "@stadtwerke_nord",
  "#AcmeAirFail",
  "🔥",
  "„Service“",
  'say "what"',
  "a,b",
  "Zeile\nUmbruch",
  "crlf\r\ninside",
  "  ",
  "\\",
);
const someText = fc.oneof(
  fc.array(words, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(" ")),
  fc.string({ minLength: 1, maxLength: 40, unit: "binary" }),
);
const token = fc.stringMatching(/^[A-Za-z0-9_.-]{1,24}$/);
const isoDate = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
  .map((date) => date.toISOString());
const count = fc.nat({ max: 10_000_000 });

/** Posts as a platform export would hold them: valid PostCreate input with ISO dates. */
const validPost = fc
  .record(
    {
      platform: fc.constantFrom(...PostCreate.shape.platform.options),
      externalId: token,
      text: someText,
      postedAt: isoDate,
      author: fc.record(
        { handle: token, displayName: someText, followers: count, createdAt: isoDate },
        { requiredKeys: ["handle"] },
      ),
      url: token.map((id) => `https://social.example/@kunde/${id}`),
      lang: fc.constantFrom("de", "en", "other"),
      inReplyTo: token,
      metrics: fc
        .record({ likes: count, shares: count, replies: count, views: count }, { requiredKeys: [] })
        .filter((metrics) => Object.keys(metrics).length > 0),
    },
    { requiredKeys: ["platform", "externalId", "text", "postedAt", "author"] },
  )
  .filter((post) => PostCreate.safeParse(post).success);

const CSV_COLUMNS = [
  ["platform", (p: PostInput) => p.platform],
  ["external_id", (p: PostInput) => p.externalId],
  ["text", (p: PostInput) => p.text],
  ["posted_at", (p: PostInput) => p.postedAt],
  ["author_handle", (p: PostInput) => p.author.handle],
  ["author_name", (p: PostInput) => p.author.displayName],
  ["author_followers", (p: PostInput) => p.author.followers],
  ["author_created_at", (p: PostInput) => p.author.createdAt],
  ["url", (p: PostInput) => p.url],
  ["lang", (p: PostInput) => p.lang],
  ["in_reply_to", (p: PostInput) => p.inReplyTo],
  ["likes", (p: PostInput) => p.metrics?.likes],
  ["shares", (p: PostInput) => p.metrics?.shares],
  ["replies", (p: PostInput) => p.metrics?.replies],
  ["views", (p: PostInput) => p.metrics?.views],
] as const;
type PostInput = typeof validPost extends fc.Arbitrary<infer T> ? T : never;

function toCsvLine(post: PostInput): string {
  return CSV_COLUMNS.map(([, cell]) => {
    const value = cell(post);
    return value === undefined ? "" : `"${String(value).replaceAll('"', '""')}"`;
  }).join(",");
}

/** What reading a post back should give: PostCreate's output, dates as ISO text for comparison. */
function expected(post: PostInput): unknown {
  return JSON.parse(JSON.stringify(PostCreate.parse(post)));
}

function comparable(rows: PostRow[]): unknown[] {
  return JSON.parse(JSON.stringify(postsOf(rows)));
}

function toFile(format: PostFileFormat, lines: string[]): string {
  const body = lines.join("\n");
  return format === "csv" ? `${CSV_COLUMNS.map(([name]) => name).join(",")}\n${body}` : body;
}

const lineOf = (format: PostFileFormat) =>
  format === "csv" ? toCsvLine : (post: PostInput) => JSON.stringify(post);

/** Garbage that each format must report as one problem: quote-free for CSV, where a quote may span lines. */
const garbageLine = (format: PostFileFormat) =>
  format === "csv"
    ? fc
        .array(
          fc.string({ maxLength: 12 }).map((cell) => cell.replace(/["\r\n,]/g, "")),
          {
            minLength: 1,
            maxLength: 6,
          },
        )
        .filter((cells) => cells.some((cell) => cell !== ""))
        .map((cells) => cells.join(","))
    : fc
        .string({ minLength: 1, maxLength: 60, unit: "binary" })
        .filter((line) => !/\n/.test(line) && line.trim() !== "");

describe.each(["jsonl", "csv"] as const)("reading %s back", (format) => {
  it("returns every valid post it was given, in order, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validPost, { maxLength: 20 }),
        fc.integer({ min: 1, max: 300 }),
        async (posts, chunkSize) => {
          const rows = await readAll(toFile(format, posts.map(lineOf(format))), format, { chunkSize });

          expect(problemsOf(rows)).toEqual([]);
          expect(comparable(rows)).toEqual(posts.map(expected));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("never loses or alters a valid row when garbage lines are mixed in, and reports each by its line", async () => {
    const lines = fc.array(
      fc.oneof(
        validPost.map((post) => ({ post })),
        garbageLine(format).map((garbage) => ({ garbage })),
      ),
      { maxLength: 20 },
    );
    await fc.assert(
      fc.asyncProperty(lines, fc.integer({ min: 1, max: 300 }), async (entries, chunkSize) => {
        const lineTexts = entries.map((entry) =>
          "post" in entry ? lineOf(format)(entry.post) : entry.garbage,
        );
        const rows = await readAll(toFile(format, lineTexts), format, { chunkSize });

        // A CSV row may span lines (quoted line breaks); JSON.stringify escapes them, so JSONL rows never do.
        let line = format === "csv" ? 2 : 1;
        const garbageLines: number[] = [];
        entries.forEach((entry, index) => {
          if ("garbage" in entry) garbageLines.push(line);
          line += 1 + (lineTexts[index]?.match(/\n/g)?.length ?? 0);
        });
        const validPosts = entries.flatMap((entry) => ("post" in entry ? [expected(entry.post)] : []));
        expect(comparable(rows)).toEqual(validPosts);
        expect(rows.filter((row) => "problems" in row).map((row) => row.line)).toEqual(garbageLines);
      }),
      { numRuns: 150 },
    );
  });
});
