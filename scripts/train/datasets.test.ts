import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSmsSpam } from "./datasets.ts";

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
