/**
 * Benchmark of `readPostFile`: rows/s, MB/s and peak RSS on a generated JSONL file, beside the
 * naive read (whole file in memory, split, JSON.parse, schema) on a smaller slice.
 * Usage: npx tsx scripts/bench-import.ts [--mb 1024] [--naive-mb 100]
 * Each measurement runs in a fresh child process so that one's heap does not inflate another's RSS.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPostFile } from "../src/posts/posts.import.ts";
import { PostCreate } from "../src/posts/posts.schema.ts";
import { scriptArgs } from "./lib/args.ts";

type Measurement = { rows: number; problems: number; seconds: number; peakRssMb: number; fileMb: number };

const MB = 1024 * 1024;
const PHASE_FLAG = "--measure";

const germanTexts = [
  "Seit drei Tagen kein Internet und die Hotline legt einfach auf. Danke für nichts, @stadtwerke_nord! #Störung",
  "Wer bei @stadtwerke_nord noch Kunde ist, ist selbst schuld. Kündigt alle! 🔥",
  "Die neue Rechnung ist doppelt so hoch wie letztes Jahr. Ist das noch legal? #Abzocke",
  "Ich warte seit sechs Wochen auf meine Erstattung. Schämt euch.",
  "Ehrlich gesagt war der Service heute super, der Techniker kam pünktlich. 👍",
  "Gerüchte: Die Filiale in Altona soll geschlossen werden. Weiß jemand mehr?",
];
const englishTexts = [
  "Week three without a refund from @acmeair. Anyone else stuck in this loop? #AcmeAirFail",
  "Their CEO just said on stage that customers 'don't read the terms'. Wow.",
  "Cancelled my subscription after the third outage this month. Not worth it.",
  "Shoutout to the support team, fixed my issue in ten minutes!",
  "Is it true that @acmeair is selling customer data? Source: trust me bro",
];
const platforms = ["mastodon", "bluesky", "x", "reddit", "youtube", "facebook", "instagram"] as const;

/** A seeded generator, so two runs benchmark the same file. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One JSONL line: mostly valid posts, about 2 % broken the ways real exports break. */
function postLine(index: number, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const german = random() < 0.6;
  const postedAt = new Date(Date.UTC(2024, 4, 1) + Math.floor(random() * 30 * 86_400_000));
  const handle = `${german ? "kunde" : "user"}_${Math.floor(random() * 1e6)}`;
  const post = {
    platform: pick(platforms),
    externalId: `${index}${Math.floor(random() * 1e9)}`,
    text: `${pick(german ? germanTexts : englishTexts)} (${index})`,
    postedAt: postedAt.toISOString(),
    author: { handle, displayName: handle.replace("_", " "), followers: Math.floor(random() * 50_000) },
    url: `https://social.example/@${handle}/${index}`,
    lang: german ? "de" : "en",
    metrics: {
      likes: Math.floor(random() * 500),
      shares: Math.floor(random() * 80),
      replies: Math.floor(random() * 40),
    },
  };
  const fault = random();
  if (fault < 0.005) return JSON.stringify(post).slice(0, 60);
  if (fault < 0.01) return JSON.stringify({ ...post, author: { displayName: "ohne Handle" } });
  if (fault < 0.015) return JSON.stringify({ ...post, postedAt: "01.05.2024 14:30" });
  if (fault < 0.02) return JSON.stringify({ ...post, platform: "tiktok" });
  return JSON.stringify(post);
}

async function generateJsonl(path: string, megabytes: number): Promise<number> {
  const out = createWriteStream(path);
  const random = mulberry32(20240501);
  let written = 0;
  let index = 0;
  while (written < megabytes * MB) {
    const batch: string[] = [];
    for (let i = 0; i < 10_000; i++) batch.push(postLine(index++, random));
    const text = `${batch.join("\n")}\n`;
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return (await stat(path)).size;
}

/** Samples RSS every 50 ms while `work` runs and returns the peak. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: peak / MB };
  } finally {
    clearInterval(timer);
  }
}

async function measureStreaming(path: string): Promise<Measurement> {
  const fileMb = (await stat(path)).size / MB;
  const started = performance.now();
  const { result, peakRssMb } = await withPeakRss(async () => {
    let rows = 0;
    let problems = 0;
    for await (const row of readPostFile(path)) {
      rows += 1;
      if ("problems" in row) problems += 1;
    }
    return { rows, problems };
  });
  return { ...result, seconds: (performance.now() - started) / 1000, peakRssMb, fileMb };
}

async function measureNaive(path: string): Promise<Measurement> {
  const fileMb = (await stat(path)).size / MB;
  const started = performance.now();
  const { result, peakRssMb } = await withPeakRss(async () => {
    const lines = (await readFile(path, "utf8")).split("\n");
    let rows = 0;
    let problems = 0;
    for (const line of lines) {
      if (line === "") continue;
      rows += 1;
      try {
        if (!PostCreate.safeParse(JSON.parse(line)).success) problems += 1;
      } catch {
        problems += 1;
      }
    }
    return { rows, problems };
  });
  return { ...result, seconds: (performance.now() - started) / 1000, peakRssMb, fileMb };
}

async function measureInChild(kind: "streaming" | "naive", path: string): Promise<Measurement> {
  const child = fork(process.argv[1] as string, [PHASE_FLAG, kind, path], {
    execArgv: process.execArgv,
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const [message] = (await once(child, "message")) as [Measurement];
  await once(child, "exit");
  return message;
}

function rate(measurement: Measurement) {
  return {
    rowsPerSec: Math.round(measurement.rows / measurement.seconds),
    mbPerSec: Number((measurement.fileMb / measurement.seconds).toFixed(1)),
    peakRssMb: Math.round(measurement.peakRssMb),
    fileMb: Math.round(measurement.fileMb),
    rows: measurement.rows,
    problems: measurement.problems,
    seconds: Number(measurement.seconds.toFixed(1)),
  };
}

async function main(): Promise<void> {
  const values = scriptArgs(
    "npm run bench:import --",
    "Reads a generated JSONL file of posts with the streaming importer and, on a smaller slice, the naive\nway (whole file, split, JSON.parse, schema); prints rows/s, MB/s and peak RSS, the last line one JSON object.",
    {
      mb: { type: "string", value: "MB", default: "1024", description: "size of the generated file" },
      "naive-mb": { type: "string", value: "MB", default: "100", description: "slice the naive read gets" },
      measure: { type: "string", value: "KIND", description: "internal: one measurement in a child process" },
    },
    process.argv.slice(2),
    true,
  );
  const phase = values.measure;
  if (phase !== undefined) {
    const path = process.argv.at(-1) as string;
    const measurement = phase === "naive" ? await measureNaive(path) : await measureStreaming(path);
    process.send?.(measurement);
    return;
  }

  const megabytes = Number(values.mb);
  const naiveMegabytes = Math.min(Number(values["naive-mb"]), megabytes);
  const big = join(tmpdir(), `brandwache-bench-${process.pid}.jsonl`);
  const slice = join(tmpdir(), `brandwache-bench-${process.pid}-slice.jsonl`);
  try {
    console.log(`Generating ${megabytes} MB and ${naiveMegabytes} MB of JSONL posts under ${tmpdir()} …`);
    await generateJsonl(big, megabytes);
    await generateJsonl(slice, naiveMegabytes);

    const streaming = rate(await measureInChild("streaming", big));
    console.log(
      `readPostFile   ${streaming.fileMb} MB: ${streaming.rows} rows (${streaming.problems} with problems) in ${streaming.seconds} s — ${streaming.rowsPerSec} rows/s, ${streaming.mbPerSec} MB/s, peak RSS ${streaming.peakRssMb} MB`,
    );
    const streamingSlice = rate(await measureInChild("streaming", slice));
    console.log(
      `readPostFile   ${streamingSlice.fileMb} MB: ${streamingSlice.rowsPerSec} rows/s, ${streamingSlice.mbPerSec} MB/s, peak RSS ${streamingSlice.peakRssMb} MB`,
    );
    const naive = rate(await measureInChild("naive", slice));
    console.log(
      `naive readFile ${naive.fileMb} MB: ${naive.rowsPerSec} rows/s, ${naive.mbPerSec} MB/s, peak RSS ${naive.peakRssMb} MB (grows with the file)`,
    );
    console.log(JSON.stringify({ ...streaming, slice: streamingSlice, naive }));
  } finally {
    await rm(big, { force: true });
    await rm(slice, { force: true });
  }
}

await main();
