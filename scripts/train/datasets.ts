import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { datasetsDir } from "../lib/args.ts";

/** One labelled text of a dataset, with the dataset's own label(s) kept as a string. */
export interface LabelledText {
  text: string;
  /** The original label(s), e.g. "OFFENSE/ABUSE", "HOF/HATE", "negative", "1". */
  label: string;
  /** Which dataset (and file part) it came from. */
  source: string;
}

/** Where the datasets live: ../shared/datasets beside the checkout (see its README); overridable with --data. */
export const defaultDataDir = datasetsDir;

const Row = z.array(z.string());

/** GermEval 2018 training split: `text<TAB>coarse<TAB>fine`; label "OFFENSE/ABUSE". */
export function loadGermEval2018(dir: string): LabelledText[] {
  return loadGermEvalTsv(join(dir, "germeval2018/germeval2018.training.txt"), "germeval2018");
}

/** GermEval 2019 task 2 training split (corrected file); emoji written as `<U+1F44D>` are restored. */
export function loadGermEval2019(dir: string): LabelledText[] {
  return loadGermEvalTsv(
    join(dir, "germeval2019/germeval2019.training_subtask1_2_korrigiert.txt"),
    "germeval2019",
  ).map((row) => ({
    ...row,
    text: row.text.replace(/<U\+([0-9A-Fa-f]{4,8})>/g, (_, hex: string) => codePoint(hex)),
  }));
}

/** GermEval 2021 training split; label "toxic/engaging/factclaiming" as three 0/1 digits, e.g. "1/0/1". */
export function loadGermEval2021(dir: string): LabelledText[] {
  const rows = z
    .array(Row)
    .parse(parse(readFileSync(join(dir, "germeval2021/GermEval21_TrainData.csv"), "utf8")));
  return rows.slice(1).map((row) => ({
    text: row[1] ?? "",
    label: `${row[2]}/${row[3]}/${row[4]}`,
    source: "germeval2021",
  }));
}

/** HASOC 2019 training split (German or English); label "task_1/task_2", e.g. "HOF/HATE". */
export function loadHasoc2019(dir: string, lang: "de" | "en"): LabelledText[] {
  const file = lang === "de" ? "german_dataset.tsv" : "english_dataset.tsv";
  return readLines(join(dir, "hasoc2019", file))
    .slice(1)
    .map((line) => line.split("\t"))
    .map((cells) => ({
      text: cells[1] ?? "",
      label: `${cells[2]}/${cells[3]}`,
      source: `hasoc2019-${lang}`,
    }));
}

/** TweetEval task (train + val); label "0" or "1". */
export function loadTweetEval(dir: string, task: "offensive" | "hate"): LabelledText[] {
  return ["train", "val"].flatMap((part) => {
    // Line i of the text file belongs to line i of the labels file, so no line may be dropped here.
    const texts = readFileSync(join(dir, "tweeteval", task, `${part}_text.txt`), "utf8").split("\n");
    const labels = readFileSync(join(dir, "tweeteval", task, `${part}_labels.txt`), "utf8").split("\n");
    if (texts.at(-1) === "") texts.pop();
    if (labels.at(-1) === "") labels.pop();
    if (texts.length !== labels.length)
      throw new Error(`tweeteval/${task}/${part}: ${texts.length} texts, ${labels.length} labels`);
    return texts.map((text, i) => ({ text, label: (labels[i] ?? "").trim(), source: `tweeteval-${task}` }));
  });
}

/** Complaints corpus (Preoţiuc-Pietro et al. 2019): label "1" complaint / "0" not; HTML entities decoded. */
export function loadComplaints(dir: string): LabelledText[] {
  const rows = z
    .array(Row)
    .parse(parse(readFileSync(join(dir, "complaints/complaints-data.train.csv"), "utf8")));
  return rows.map((row) => ({
    text: decodeEntities(row[1] ?? ""),
    label: row[2] ?? "",
    source: "complaints",
  }));
}

/** SMS Spam Collection (80 % part): `label<TAB>text`; label "ham" or "spam". */
export function loadSmsSpam(dir: string): LabelledText[] {
  const lines = readFileSync(join(dir, "sms-spam/SMSSpamCollection.train"), "utf8").split(/\r?\n/);
  return lines.flatMap((line, i) => {
    if (line === "") return [];
    const tab = line.indexOf("\t");
    const label = tab < 0 ? "" : line.slice(0, tab);
    if (label !== "ham" && label !== "spam")
      throw new Error(
        `sms-spam/SMSSpamCollection.train line ${i + 1}: label must be ham or spam, got "${label}"`,
      );
    return [{ text: line.slice(tab + 1), label, source: "sms-spam" }];
  });
}

/**
 * The labels of the written files, and the kinds a post of each may have: `positive` kinds go with 1, the
 * others with 0 (scripts/train/data/README.md).
 */
export const writtenLabels = {
  complaint: {
    positive: ["complaint"],
    negative: [
      "question",
      "praise",
      "neutral",
      "chatter",
      "news",
      "ad",
      "job",
      "offtopic_negative",
      "support_reply",
      "opinion",
    ],
  },
  fact_claim: {
    positive: ["statistic", "event", "allegation", "product_fact", "causal", "quote", "report", "rumour"],
    negative: [
      "opinion",
      "insult",
      "question",
      "request",
      "feeling",
      "personal",
      "joke",
      "greeting",
      "ad",
      "job",
      "support_reply",
      "complaint",
    ],
  },
  negative: {
    positive: ["complaint", "anger", "disappointment", "sarcasm", "criticism", "insult", "worry", "mockery"],
    negative: [
      "praise",
      "thanks",
      "excitement",
      "neutral",
      "question",
      "news",
      "ad",
      "job",
      "support_reply",
      "chatter",
      "joke",
      "mixed_positive",
    ],
  },
  hate: {
    positive: ["dehumanisation", "incitement", "slur", "stereotype", "exclusion", "conspiracy", "contempt"],
    negative: [
      "insult_individual",
      "profanity",
      "criticism_org",
      "criticism_politics",
      "group_neutral",
      "group_positive",
      "news",
      "counter_speech",
      "complaint",
      "chatter",
    ],
  },
  // Threats of violence: the t and p files train threat-de and threat-en, a, a2 and b measure them and the rules
  // (scripts/eval-threats.ts).
  threat: {
    positive: ["kill", "violence", "arson", "explosive", "weapon", "doxxing", "intimidation", "incitement"],
    negative: [
      "idiom",
      "sports",
      "gaming",
      "self",
      "news",
      "fiction",
      "complaint",
      "insult",
      "safety",
      "joke",
      "other",
    ],
  },
} as const;

/** The label a written file carries. */
export type WrittenLabel = keyof typeof writtenLabels;

function writtenPost(label: WrittenLabel) {
  const { positive, negative } = writtenLabels[label];
  const kinds: readonly string[] = positive;
  return z
    .object({
      text: z.string().trim().min(1, "must not be empty"),
      [label]: z.union([z.literal(0), z.literal(1)], { message: "must be 0 or 1" }),
      kind: z.enum([...positive, ...negative] as [string, ...string[]]),
      domain: z.string().min(1, "must not be empty"),
    })
    .strict()
    .refine((post: Record<string, unknown>) => kinds.includes(String(post.kind)) === (post[label] === 1), {
      message: `a post labelled 1 has kind ${positive.map((k) => `"${k}"`).join(" or ")}, any other post another kind`,
      path: ["kind"],
    });
}

/**
 * Posts written and labelled for the project where the datasets lack them (German complaints; English praise
 * and questions to companies; English fact claims; sentiment labelled by its writer rather than by VADER):
 * JSON lines `{"text", "<label>": 0|1, "kind", "domain"}` in `scripts/train/data/` (README there). Label
 * "1/<kind>" or "0/<kind>". A bad line throws, naming the file, the line and the field.
 */
export function loadWrittenPosts(file: string, label: WrittenLabel): LabelledText[] {
  const source = basename(file, ".jsonl");
  const schema = writtenPost(label);
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .flatMap((line, i) => {
      if (line.trim() === "") return [];
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${file} line ${i + 1}: not JSON (${(error as Error).message})`);
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${file} line ${i + 1}: ${issue?.path.join(".") || "post"}: ${issue?.message}`);
      }
      const post = parsed.data as { text: string; kind: string } & Record<WrittenLabel, 0 | 1>;
      return [{ text: post.text, label: `${post[label]}/${post.kind}`, source }];
    });
}

/**
 * Undoes CGSA's tokenisation ("Sauber ( kein Satzzeichen ! )" → "Sauber (kein Satzzeichen!)") so that texts
 * look like the posts the models meet; char n-grams would otherwise learn the spaces around punctuation.
 */
export function detokenise(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/ ([.,!?;:%)\]}…])/gu, "$1")
    .replace(/([([{]) /gu, "$1")
    .replace(/ ' /gu, "'")
    .replace(/ {2,}/gu, " ")
    .trim();
}

/**
 * Ordinary German posts: the neutral and positive tweets of SB10k and PotTS (label `neutral`, detokenised).
 * Offensive-language sets come from political debate, where a third of the posts offend; these show the
 * models everyday posts (sport, TV, shopping, greetings) that offend rarely.
 */
export function loadOrdinaryGerman(dir: string, part: "train" | "dev"): LabelledText[] {
  return [...loadSb10k(dir, part), ...loadPotts(dir, part)]
    .filter((row) => row.label === "neutral" || row.label === "positive")
    .map((row) => ({ text: detokenise(row.text), label: "neutral", source: `${row.source}-ordinary` }));
}

/** SB10k split of the CGSA repository; label positive / negative / neutral. */
export function loadSb10k(dir: string, part: "train" | "dev"): LabelledText[] {
  return loadCgsaTsv(join(dir, "sb10k", `${part}.tsv`), "sb10k");
}

/** PotTS split of the CGSA repository (many files); label positive / negative / neutral / mixed. */
export function loadPotts(dir: string, part: "train" | "dev"): LabelledText[] {
  const folder = join(dir, "potts", part);
  return readdirSync(folder)
    .filter((name) => name.endsWith(".tsv"))
    .sort()
    .flatMap((name) => loadCgsaTsv(join(folder, name), "potts"));
}

function loadGermEvalTsv(file: string, source: string): LabelledText[] {
  return readLines(file)
    .map((line) => line.split("\t"))
    .filter((cells) => cells.length >= 3)
    .map((cells) => ({ text: cells[0] ?? "", label: `${cells[1]}/${cells[2]}`, source }));
}

// CGSA's 7-column TSV: id, label, tokenised text, lemmas, POS, dependencies, morphology.
function loadCgsaTsv(file: string, source: string): LabelledText[] {
  return readLines(file)
    .map((line) => line.split("\t"))
    .filter((cells) => cells.length >= 3)
    .map((cells) => ({ text: cells[2] ?? "", label: cells[1] ?? "", source }));
}

function readLines(file: string): string[] {
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0);
}

function codePoint(hex: string): string {
  const value = Number.parseInt(hex, 16);
  return value <= 0x10ffff ? String.fromCodePoint(value) : "";
}

const namedEntities: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-fA-F]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith("#x")) return codePoint(name.slice(2));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10) % 0x110000);
    return namedEntities[name] ?? whole;
  });
}
