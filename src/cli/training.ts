import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import type { ScenarioFileError } from "../core/scenario/scenario.load.ts";
import { trainingScenarioJsonSchemaText } from "../core/training/training.jsonschema.ts";
import { loadTrainingScenario } from "../core/training/training.scenario.ts";
import { libraryDir, readScenarioFolder } from "../training/training.library.ts";

/** The library as `training list` shows it: id, title, languages, risks (and level, minutes, roles). */
export async function listLibrary(dir = libraryDir) {
  const { scenarios, errors } = await readScenarioFolder(dir);
  const items = scenarios
    .map((s) => ({
      id: s.id,
      version: s.version,
      title: s.title,
      languages: ["de", "en"] as const,
      risks: s.risks,
      level: s.level,
      durationMinutes: s.durationMinutes,
      roles: s.roles,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { items, errors };
}

/** One problem of a scenario file as a line editors and CI understand: `file:line:column: field: message`. */
export function formatScenarioError(error: ScenarioFileError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.field || "(syntax)"}: ${error.message}`;
}

/** Checks scenario files; the lines to print and whether all were valid. */
export async function validateScenarioFiles(files: string[]) {
  const lines: string[] = [];
  let ok = true;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      ok = false;
      lines.push(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    const loaded = loadTrainingScenario(text, basename(file));
    if (loaded.ok) {
      const s = loaded.scenario;
      lines.push(
        `${file}: OK — "${s.title.en}" (${s.id} v${s.version}), ${s.injects.length} injects, ${s.branches.length} branches, ${s.durationMinutes} min`,
      );
    } else {
      ok = false;
      lines.push(...loaded.errors.map((e) => formatScenarioError({ ...e, file })));
    }
  }
  return { ok, lines };
}

/** `brandwache training list|validate|schema`. */
export function registerTrainingCommands(program: Command) {
  const training = program
    .command("training")
    .description(
      "The crisis simulator's scenario library: list it, check scenario files, print the JSON Schema",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ brandwache training list --json\n  $ brandwache training validate my-scenario.yaml\n",
    );
  training
    .command("list")
    .description("List the scenario library (id, title, languages, risks)")
    .option("--json", "print JSON: [{ id, version, title, languages, risks, level, durationMinutes, roles }]")
    .option("--dir <dir>", "read another folder of scenario files", libraryDir)
    .action(async (o: { json?: boolean; dir: string }) => {
      const { items, errors } = await listLibrary(o.dir);
      for (const error of errors) process.stderr.write(`left out: ${formatScenarioError(error)}\n`);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      } else {
        for (const s of items) {
          process.stdout.write(
            `${s.id.padEnd(28)} ${s.title.en} / ${s.title.de}  [${s.languages.join(", ")}] ${s.risks.join(", ")}\n`,
          );
        }
      }
      if (errors.length > 0) process.exitCode = 1;
    });
  training
    .command("validate")
    .description(
      "Check training scenario files (YAML, schema, references); exit 1 naming file:line:column, field and problem",
    )
    .argument("<files...>", "scenario files")
    .addHelpText("after", "\nExample:\n  $ brandwache training validate scenarios/training/*.yaml\n")
    .action(async (files: string[]) => {
      const { ok, lines } = await validateScenarioFiles(files);
      (ok ? process.stdout : process.stderr).write(`${lines.join("\n")}\n`);
      process.exitCode = ok ? 0 : 1;
    });
  training
    .command("schema")
    .description(
      "Print the JSON Schema of scenario files (the same as scenarios/training/scenario.schema.json)",
    )
    .action(() => {
      process.stdout.write(trainingScenarioJsonSchemaText());
    });
}
