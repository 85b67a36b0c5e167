import fs from "node:fs";
import readline from "node:readline";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { parseHostList } from "../core/risk/detectors/host-list.ts";
import { AnalyzeItem, RiskProfile } from "../risk/risk.schema.ts";
import { createProfileAnalyzer } from "../risk/risk.service.ts";

function readProfile(file: string | undefined): RiskProfile {
  if (!file) return RiskProfile.parse({});
  const text = fs.readFileSync(file, "utf8");
  const raw: unknown = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  const parsed = RiskProfile.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${file}: ${i.path.join(".") || "(file)"}: ${i.message}`);
  throw new Error(`Invalid organisation config:\n${problems.join("\n")}`);
}

/** `brandwache analyze`: JSONL in, one assessment per line out, in the same order; works offline without a database. */
export function registerAnalyze(program: Command) {
  program
    .command("analyze")
    .description(
      "Assess texts for every risk and chance: JSONL in ({id, text, author?, lang?}), JSONL out, same order",
    )
    .option("-i, --input <file>", "JSONL input, - for standard input", "-")
    .option("-o, --output <file>", "JSONL output, - for standard output", "-")
    .option(
      "--org-config <file>",
      "organisation profile (JSON or YAML): brandNames, domains, officialAccounts, executives, watchlist",
    )
    .option("--blocklist <file>", "known-bad hosts, one host or URL per line (URLhaus/PhishTank style)")
    .addHelpText(
      "after",
      `
Each output line: {"id","lang","priority","risks":{"toxic":{"score","flagged","spans":[{"start","end","reason"}]},…}}
with every category present; span offsets are UTF-16 indices into the text. A bad input line gives
{"line":N,"error":{"field","message"}} and the run goes on (exit status 1 at the end).

Example:
  $ echo '{"id":"1","text":"Ihr Betrüger! Meine IBAN DE89 3704 0044 0532 0130 00"}' | brandwache analyze --org-config nordwind.yaml
`,
    )
    .action(async (o: { input: string; output: string; orgConfig?: string; blocklist?: string }) => {
      const profile = readProfile(o.orgConfig);
      const hosts = o.blocklist ? parseHostList(fs.readFileSync(o.blocklist, "utf8")) : new Set<string>();
      const analyze = await createProfileAnalyzer(profile, hosts);
      const input = o.input === "-" ? process.stdin : fs.createReadStream(o.input);
      const output = o.output === "-" ? process.stdout : fs.createWriteStream(o.output);
      const write = (value: unknown) =>
        new Promise<void>((resolve) =>
          output.write(`${JSON.stringify(value)}\n`) ? resolve() : output.once("drain", resolve),
        );
      let line = 0;
      let bad = 0;
      for await (const text of readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
        line++;
        if (text.trim() === "") continue;
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (error) {
          bad++;
          await write({ line, error: { field: "(json)", message: (error as Error).message } });
          continue;
        }
        const parsed = AnalyzeItem.safeParse(json);
        if (!parsed.success) {
          bad++;
          const issue = parsed.error.issues[0];
          const id = (json as { id?: unknown })?.id;
          await write({
            line,
            ...(typeof id === "string" ? { id } : {}),
            error: { field: issue?.path.join(".") || "(line)", message: issue?.message ?? "invalid" },
          });
          continue;
        }
        await write(analyze(parsed.data));
      }
      if (output !== process.stdout) await new Promise((r) => (output as fs.WriteStream).end(r));
      if (bad > 0) {
        process.stderr.write(
          `brandwache analyze: ${bad} of ${line} lines were not valid (see the error objects)\n`,
        );
        process.exitCode = 1;
      }
    });
}
