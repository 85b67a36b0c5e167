import { Command } from "commander";
import { type Env, EnvError, loadEnv } from "../platform/env.ts";
import { createLogger, type Logger } from "../platform/logger.ts";
import { registerAnalyze } from "./analyze.ts";
import { registerAuditCommands } from "./audit.ts";
import { registerEvidenceCommands } from "./evidence.ts";
import { registerImport } from "./import.ts";
import { registerMigrate } from "./migrate.ts";
import { registerServe } from "./serve.ts";
import { registerTopicCommands } from "./topic.ts";
import { registerUserCommands } from "./user.ts";
import { registerWorker } from "./worker.ts";

// Configuration is parsed lazily so that `--help` works even with a broken environment.
function boot(): { env: Env; log: Logger } {
  try {
    const env = loadEnv();
    return { env, log: createLogger(env.LOG_LEVEL) };
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`brandwache: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
