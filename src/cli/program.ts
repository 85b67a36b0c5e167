import { Command } from "commander";
import type { Env } from "../platform/env.ts";
import type { Logger } from "../platform/logger.ts";
import { registerAnalyze } from "./analyze.ts";
import { registerAuditCommands } from "./audit.ts";
import { registerEvidenceCommands } from "./evidence.ts";
import { registerImport } from "./import.ts";
import { registerMigrate } from "./migrate.ts";
import { registerServe } from "./serve.ts";
import { registerTopicCommands } from "./topic.ts";
import { registerTrainingCommands } from "./training.ts";
import { registerUserCommands } from "./user.ts";
import { registerWorker } from "./worker.ts";

/** The `brandwache` command with every subcommand; `boot` reads the configuration when a command runs. */
export function buildProgram(boot: () => { env: Env; log: Logger }): Command {
  const program = new Command()
    .name("brandwache")
    .description(
      "Brandwache: watch social media for risks, warn, guide the response, keep evidence, train the team.",
    )
    .version("0.1.0")
    .showHelpAfterError()
    .addHelpText(
      "after",
      "\nConfiguration comes from environment variables (see README): DATABASE_URL, BRANDWACHE_DATA, BRANDWACHE_BUS, PORT, …\n\nExample:\n  $ brandwache serve --demo\n",
    );

  registerServe(program, boot);
  registerWorker(program, boot);
  registerMigrate(program, boot);
  registerImport(program, boot);
  registerAnalyze(program);
  registerUserCommands(program, boot);
  registerTopicCommands(program, boot);
  registerAuditCommands(program, boot);
  registerEvidenceCommands(program, boot);
  registerTrainingCommands(program);
  return program;
}
