// The scenario library: the training scenario files shipped in scenarios/training/ (and, when set, the
// organisation's own folder BRANDWACHE_TRAINING_DIR). Files are read once per process and checked; a file
// with problems is left out of the library and its problems are logged with file, line and field.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScenarioFileError } from "../core/scenario/scenario.load.ts";
import { loadTrainingScenario } from "../core/training/training.scenario.ts";
import type { TrainingScenario } from "../core/training/training.schema.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError } from "../platform/http/errors.ts";
import type { Logger } from "../platform/logger.ts";
import type { ScenarioDetail, ScenarioSummary } from "./training.schema.ts";

/** The folder of the shipped library. */
export const libraryDir = fileURLToPath(new URL("../../scenarios/training", import.meta.url));

/** Every scenario file of a folder, checked: the good ones by id, and the problems of the others. */
export async function readScenarioFolder(
  dir: string,
): Promise<{ scenarios: TrainingScenario[]; errors: ScenarioFileError[] }> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  const scenarios: TrainingScenario[] = [];
  const errors: ScenarioFileError[] = [];
  for (const name of names) {
    const loaded = loadTrainingScenario(await readFile(join(dir, name), "utf8"), name);
    if (loaded.ok) scenarios.push(loaded.scenario);
    else errors.push(...loaded.errors);
  }
  return { scenarios, errors };
}

/** Where the library is read from besides the shipped folder: BRANDWACHE_TRAINING_DIR. */
export interface LibraryOptions {
  ownDir?: string | undefined;
}

const cache = new Map<string, Promise<Map<string, TrainingScenario>>>();

/** The library by scenario id (the shipped folder, then the organisation's own); read once per process. */
export function trainingLibrary(
  options: LibraryOptions = {},
  log?: Logger,
): Promise<Map<string, TrainingScenario>> {
  const key = options.ownDir ?? "";
  const cached = cache.get(key);
  if (cached) return cached;
  const loading = (async () => {
    const dirs = [libraryDir, ...(options.ownDir ? [options.ownDir] : [])];
    const library = new Map<string, TrainingScenario>();
    for (const dir of dirs) {
      const { scenarios, errors } = await readScenarioFolder(dir);
      for (const error of errors) {
        log?.warn(
          error,
          `training scenario left out: ${error.file}:${error.line}: ${error.field}: ${error.message}`,
        );
      }
      for (const scenario of scenarios) library.set(scenario.id, scenario);
    }
    return library;
  })();
  cache.set(key, loading);
  return loading;
}

function summarise(s: TrainingScenario): ScenarioSummary {
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    summary: s.summary,
    risks: s.risks,
    languages: ["de", "en"],
    level: s.level,
    durationMinutes: s.durationMinutes,
    roles: s.roles,
    objectives: s.objectives,
  };
}

/** The library, sorted by title. */
export async function listScenarios(
  ctx: AppContext,
  library: LibraryOptions = {},
): Promise<ScenarioSummary[]> {
  const scenarios = await trainingLibrary(library, ctx.log);
  return [...scenarios.values()].map(summarise).sort((a, b) => a.title.en.localeCompare(b.title.en));
}

export async function scenarioOrThrow(
  ctx: AppContext,
  id: string,
  library: LibraryOptions,
): Promise<TrainingScenario> {
  const scenario = (await trainingLibrary(library, ctx.log)).get(id);
  if (!scenario) {
    throw new AppError("not_found", `No training scenario "${id}"`, [
      { field: "scenarioId", message: "not a scenario of the library" },
    ]);
  }
  return scenario;
}

/** One scenario with what a trainer needs to run it. */
export async function getScenario(
  ctx: AppContext,
  id: string,
  library: LibraryOptions = {},
): Promise<ScenarioDetail> {
  return detailOf(await scenarioOrThrow(ctx, id, library));
}

function detailOf(s: TrainingScenario): ScenarioDetail {
  return {
    ...summarise(s),
    organisation: { name: s.organisation.name, handles: s.organisation.handles },
    personas: s.personas.map((p) => ({
      id: p.id,
      handle: p.handle,
      displayName: p.displayName,
      group: p.group,
    })),
    injects: s.injects.map((i) => ({
      id: i.id,
      atMinutes: i.at / 60_000,
      persona: i.persona,
      platform: i.platform,
      text: i.text,
      expectReply: i.expectReply,
    })),
    branches: s.branches.map((b) => ({ id: b.id, when: { ...b.when }, note: b.note })),
    rubric: { ...s.rubric },
    debrief: s.debrief,
  };
}
