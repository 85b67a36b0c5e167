import { z } from "zod";
import { TrainingScenario } from "./training.schema.ts";

/**
 * The published JSON Schema of training scenario files (`scenarios/training/scenario.schema.json`), so
 * editors complete and check them. Durations are the strings the files hold ("90s", "10m").
 */
export function trainingScenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(TrainingScenario, { io: "input", unrepresentable: "any", target: "draft-2020-12" }),
    $id: "https://brandwache.example/schemas/training-scenario.json",
    title: "Brandwache training scenario",
  };
}

/** The schema as the file holds it: two-space JSON and a final newline. */
export function trainingScenarioJsonSchemaText(): string {
  return `${JSON.stringify(trainingScenarioJsonSchema(), null, 2)}\n`;
}
