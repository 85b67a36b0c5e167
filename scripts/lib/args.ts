// One way for the scripts (benchmarks, training, checks) to read their options: `--help` prints the usage,
// an unknown option or a bad value ends with exit code 2 and a line that names it, never a stack trace.
import path from "node:path";
import { parseArgs } from "node:util";

/** The datasets beside the checkout (../shared/datasets), wherever the repository was cloned. */
export const datasetsDir = path.resolve(import.meta.dirname, "../../../shared/datasets");

type Option =
  | { type: "string"; default?: string; description: string; value?: string }
  | { type: "boolean"; description: string };

type Values<O extends Record<string, Option>> = {
  [K in keyof O]: O[K] extends { type: "boolean" }
    ? boolean
    : O[K] extends { default: string }
      ? string
      : string | undefined;
};

/** The usage text: the command, what it does, and one line per option. */
export function usage(command: string, summary: string, options: Record<string, Option>): string {
  const lines = Object.entries(options).map(([name, option]) => {
    const flag = option.type === "string" ? `--${name} ${option.value ?? "VALUE"}` : `--${name}`;
    const fallback =
      option.type === "string" && option.default !== undefined ? ` (default: ${option.default})` : "";
    return `  ${flag.padEnd(22)} ${option.description}${fallback}`;
  });
  return `Usage: ${command} [options]\n\n${summary}\n\n${[...lines, `  ${"--help".padEnd(22)} this text`].join("\n")}`;
}

/**
 * Reads `argv` (default: the process's) against `options`. Prints the usage and exits 0 on `--help`;
 * prints the problem and the usage and exits 2 on an unknown option or a missing value.
 */
export function scriptArgs<O extends Record<string, Option>>(
  command: string,
  summary: string,
  options: O,
  argv: string[] = process.argv.slice(2),
  allowPositionals = false,
): Values<O> {
  const text = usage(command, summary, options);
  const spec = Object.fromEntries(
    Object.entries(options).map(([name, option]) => [
      name,
      option.type === "string" && option.default !== undefined
        ? { type: "string" as const, default: option.default }
        : { type: option.type },
    ]),
  );
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: { ...spec, help: { type: "boolean" } },
      strict: true,
      allowPositionals,
    }).values;
  } catch (error) {
    const name = command.replace(/^npm run (--silent )?/u, "").replace(/ --$/u, "");
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}\n\n${text}`);
    return process.exit(2);
  }
  if (values.help) {
    console.log(text);
    return process.exit(0);
  }
  const { help: _help, ...rest } = values;
  return rest as Values<O>;
}

/** A positive number from an option, or exit 2 naming the option. */
export function positiveNumber(command: string, name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`${command}: --${name} must be a positive number, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}
