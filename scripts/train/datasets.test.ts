import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSmsSpam, loadWrittenPosts, type WrittenLabel } from "./datasets.ts";

const dirs: string[] = [];
function datasetsWith(sms: string): string {
  const dir = mkdtempSync(join(tmpdir(), "brandwache-datasets-"));
  dirs.push(dir);
  mkdirSync(join(dir, "sms-spam"));
  writeFileSync(join(dir, "sms-spam", "SMSSpamCollection.train"), sms);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("loadSmsSpam", () => {
  it("reads label and text of each line, tabs inside the text kept, CRLF and a last newline accepted", () => {
    const dir = datasetsWith("ham\tOk lar... Joking wif u oni...\r\nspam\tWIN a prize\tcall now\n");
    expect(loadSmsSpam(dir)).toEqual([
      { text: "Ok lar... Joking wif u oni...", label: "ham", source: "sms-spam" },
      { text: "WIN a prize\tcall now", label: "spam", source: "sms-spam" },
    ]);
  });

  it("names the file and line of a label that is neither ham nor spam", () => {
    const dir = datasetsWith("ham\tfine\nhamm\ttypo in the label\n");
    expect(() => loadSmsSpam(dir)).toThrow(
      'sms-spam/SMSSpamCollection.train line 2: label must be ham or spam, got "hamm"',
    );
  });
});

describe("loadWrittenPosts", () => {
  function fileWith(lines: string): string {
    const dir = mkdtempSync(join(tmpdir(), "brandwache-written-"));
    dirs.push(dir);
    const file = join(dir, "complaints-de-x.jsonl");
    writeFileSync(file, lines);
    return file;
  }

  it("reads each line as text and label complaint/kind, blank lines and CRLF accepted", () => {
    const file = fileWith(
      '{"text":"Paket seit 3 Wochen weg.","complaint":1,"kind":"complaint","domain":"parcel"}\r\n\n' +
        '{"text":"Liefert ihr nach Wien?","complaint":0,"kind":"question","domain":"shop"}\n',
    );
    expect(loadWrittenPosts(file, "complaint")).toEqual([
      { text: "Paket seit 3 Wochen weg.", label: "1/complaint", source: "complaints-de-x" },
      { text: "Liefert ihr nach Wien?", label: "0/question", source: "complaints-de-x" },
    ]);
  });

  it.each([
    ['{"text":"ok","complaint":1,"kind":"complaint"', "line 2: not JSON"],
    ['{"text":"ok","complaint":2,"kind":"complaint","domain":"shop"}', "line 2: complaint: must be 0 or 1"],
    ['{"text":" ","complaint":0,"kind":"praise","domain":"shop"}', "line 2: text: must not be empty"],
    ['{"text":"ok","complaint":0,"kind":"rant","domain":"shop"}', "line 2: kind:"],
    [
      '{"text":"ok","complaint":0,"kind":"complaint","domain":"shop"}',
      'line 2: kind: a post labelled 1 has kind "complaint", any other post another kind',
    ],
    [
      '{"text":"ok","complaint":0,"kind":"praise","domain":"shop","extra":1}',
      "line 2: post: Unrecognized key",
    ],
  ])("names the file, line and field of a bad line: %s", (line, message) => {
    const file = fileWith(`{"text":"gut","complaint":0,"kind":"praise","domain":"shop"}\n${line}\n`);
    expect(() => loadWrittenPosts(file, "complaint")).toThrow(`${file} ${message}`);
  });

  it("reads sentiment files: a support agent's apology is a kind of 0, sarcasm of 1", () => {
    const file = fileWith(
      '{"text":"Toll, wieder Verspätung.","negative":1,"kind":"sarcasm","domain":"rail"}\n' +
        '{"text":"Das tut uns leid!","negative":0,"kind":"support_reply","domain":"rail"}\n',
    );
    expect(loadWrittenPosts(file, "negative").map((row) => row.label)).toEqual([
      "1/sarcasm",
      "0/support_reply",
    ]);
    const wrongKind = fileWith(
      '{"text":"Das tut uns leid!","negative":1,"kind":"support_reply","domain":"rail"}\n',
    );
    expect(() => loadWrittenPosts(wrongKind, "negative")).toThrow(
      `${wrongKind} line 1: kind: a post labelled 1 has kind`,
    );
  });

  it("reads fact-claim files by their own label and kinds", () => {
    const file = fileWith(
      '{"text":"Profit rose 40% last year.","fact_claim":1,"kind":"statistic","domain":"bank"}\n' +
        '{"text":"Worst bank ever.","fact_claim":0,"kind":"opinion","domain":"bank"}\n',
    );
    expect(loadWrittenPosts(file, "fact_claim").map((row) => row.label)).toEqual([
      "1/statistic",
      "0/opinion",
    ]);
    // A complaint file is not a fact-claim file: its label field is unknown there.
    expect(() => loadWrittenPosts(file, "complaint")).toThrow(`${file} line 1: complaint: must be 0 or 1`);
    const wrongKind = fileWith('{"text":"Profit rose.","fact_claim":0,"kind":"statistic","domain":"bank"}\n');
    expect(() => loadWrittenPosts(wrongKind, "fact_claim")).toThrow(
      `${wrongKind} line 1: kind: a post labelled 1 has kind "statistic" or "event"`,
    );
  });
});

describe("the written files of scripts/train/data", () => {
  const dataDir = new URL("./data/", import.meta.url);
  const labelOf: Record<string, WrittenLabel> = {
    complaints: "complaint",
    factclaims: "fact_claim",
    negative: "negative",
    hate: "hate",
    threats: "threat",
  };
  const files = readdirSync(dataDir).filter((name) => name.endsWith(".jsonl"));

  it.each(files)("%s loads with the label its name gives, both classes present, no text twice", (name) => {
    const label = labelOf[name.split("-")[0] ?? ""];
    expect(label, `no label known for ${name}`).toBeDefined();
    const rows = loadWrittenPosts(new URL(name, dataDir).pathname, label as WrittenLabel);
    const positives = rows.filter((row) => row.label.startsWith("1/")).length;
    expect(positives).toBeGreaterThan(0);
    expect(positives).toBeLessThan(rows.length);
    expect(new Set(rows.map((row) => row.text)).size).toBe(rows.length);
  });
});
