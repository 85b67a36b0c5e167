import type { z } from "zod";

/** Parses command-line values with a zod schema; on failure prints each problem by option and exits with 2. */
export function parseOrExit<S extends z.ZodType>(schema: S, value: unknown, command: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    process.stderr.write(`brandwache ${command}: --${issue.path.join(".")}: ${issue.message}\n`);
  }
  process.exit(2);
}

/** Reads all of standard input as text. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
