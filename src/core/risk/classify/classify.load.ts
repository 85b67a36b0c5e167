import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";
import { type ClassifierModel, decodeModel } from "./classify.model.ts";
import {
  classifiedCategories,
  classifierLanguages,
  type EmbeddingFile,
  EmbeddingFileSchema,
  ModelFileSchema,
  type PolarityFile,
  PolarityFileSchema,
} from "./classify.schema.ts";

/** Loaded models keyed by `<category>-<lang>`, e.g. `toxic-de`. */
export type ClassifierModels = Readonly<Record<string, ClassifierModel>>;

const modelFileName = new RegExp(
  `^(${classifiedCategories.join("|")})-(${classifierLanguages.join("|")})\\.json$`,
);

/**
 * Reads every `<category>-<lang>.json` model file (and its weights file) from a folder, with the word lists
 * their feature spaces name (`polarity-<lang>.json`, `embedding-<lang>.json`). The only I/O of the
 * classifiers: scoring takes the loaded models. Throws naming the file when one is invalid.
 */
export async function loadModels(dir: string): Promise<ClassifierModels> {
  const files = await readdir(dir);
  const readList = async <T extends { name: string }>(pattern: RegExp, schema: z.ZodType<T>) => {
    const lists = new Map<string, T>();
    for (const name of files.filter((file) => pattern.test(file)).sort()) {
      const file = parseFile(name, schema, await readFile(join(dir, name), "utf8"));
      if (`${file.name}.json` !== name) throw new Error(`${name}: names itself ${file.name}`);
      lists.set(file.name, file);
    }
    return lists;
  };
  const spaceFiles = {
    polarity: await readList<PolarityFile>(listFileName("polarity"), PolarityFileSchema),
    embedding: await readList<EmbeddingFile>(listFileName("embedding"), EmbeddingFileSchema),
  };
  const names = files.filter((name) => modelFileName.test(name)).sort();
  const entries = await Promise.all(
    names.map(async (name) => {
      const file = parseFile(name, ModelFileSchema, await readFile(join(dir, name), "utf8"));
      const bytes =
        file.kind === "linear" ? new Uint8Array(await readFile(join(dir, file.weightsFile))) : undefined;
      return [file.name, decodeModel(file, bytes, spaceFiles)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function listFileName(kind: "polarity" | "embedding"): RegExp {
  return new RegExp(`^${kind}-(${classifierLanguages.join("|")})\\.json$`);
}

/** Parses a JSON file of the model folder; throws naming the file and each invalid field. */
function parseFile<T>(name: string, schema: z.ZodType<T>, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name}: not JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `${name}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}
