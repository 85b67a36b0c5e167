import { type Env, EnvError, loadEnv } from "../platform/env.ts";
import { createLogger, type Logger } from "../platform/logger.ts";
import { buildProgram } from "./program.ts";

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

const program = buildProgram(boot);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`brandwache: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
