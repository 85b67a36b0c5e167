import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type ClassifierModel, decodeModel } from "./classify.model.ts";
import { classifiedCategories, classifierLanguages, ModelFileSchema } from "./classify.schema.ts";

/** Loaded models keyed by `<category>-<lang>`, e.g. `toxic-de`. */
export type ClassifierModels = Readonly<Record<string, ClassifierModel>>;

const modelFileName = new RegExp(
  `^(${classifiedCategories.join("|")})-(${classifierLanguages.join("|")})\\.json$`,
);

/**
 * Reads every `<category>-<lang>.json` model file (and its weights file) from a folder. The only I/O
 * of the classifiers: scoring takes the loaded models. Throws naming the file when one is invalid.
 */
export async function loadModels(dir: string): Promise<ClassifierModels> {
  const names = (await readdir(dir)).filter((name) => modelFileName.test(name)).sort();
  const entries = await Promise.all(
    names.map(async (name) => {
      const parsed = ModelFileSchema.safeParse(JSON.parse(await readFile(join(dir, name), "utf8")));
      if (!parsed.success) {
        throw new Error(
          `${name}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`,
        );
      }
      const file = parsed.data;
      const bytes =
        file.kind === "linear" ? new Uint8Array(await readFile(join(dir, file.weightsFile))) : undefined;
      return [file.name, decodeModel(file, bytes)] as const;
    }),
  );
  return Object.fromEntries(entries);
}
