import { buildProgram } from "../src/cli/program.ts";

/**
 * The `--help` text of a `brandwache` command, written in this process (no CLI start per command):
 * the same Command objects the binary parses with, help listeners (examples) included.
 */
export function helpOf(command: string): string {
  const program = buildProgram(() => {
    throw new Error("showing help must not read the configuration");
  });
  let current = program;
  for (const name of command.split(" ").filter(Boolean)) {
    const next = current.commands.find((c) => c.name() === name);
    if (!next) throw new Error(`brandwache has no command "${command}"`);
    current = next;
  }
  let out = "";
  current.configureOutput({
    writeOut: (text) => {
      out += text;
    },
  });
  current.outputHelp();
  return out;
}
