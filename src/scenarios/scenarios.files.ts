import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { loadScenario, type ScenarioLoadResult } from "../core/scenario/scenario.load.ts";

/** Path of the demo workspace's scenario: Nordwind Mobil GmbH and its network outage. */
export const demoScenarioPath = fileURLToPath(new URL("../../scenarios/demo.yaml", import.meta.url));

/** Reads a scenario file and checks it; errors name the file by its base name. */
export async function loadScenarioFile(path: string): Promise<ScenarioLoadResult> {
  return loadScenario(await readFile(path, "utf8"), basename(path));
}
