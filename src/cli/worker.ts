import type { Command } from "commander";
import type { Env } from "../platform/env.ts";
import type { Logger } from "../platform/logger.ts";
import { openRuntime } from "../platform/runtime.ts";

/** `brandwache worker`: runs only the pipeline stages, for scale-out over NATS JetStream. */
export function registerWorker(program: Command, boot: () => { env: Env; log: Logger }) {
  program
    .command("worker")
    .description(
      "Run the pipeline stages (assess, store) without HTTP; needs BRANDWACHE_BUS=nats://… and DATABASE_URL",
    )
    .addHelpText(
      "after",
      "\nExample:\n  $ DATABASE_URL=postgres://127.0.0.1/brandwache BRANDWACHE_BUS=nats://127.0.0.1:4222 brandwache worker\n",
    )
    .action(async () => {
      const { env, log } = boot();
      if (env.BRANDWACHE_BUS === "memory") {
        throw new Error(
          "A worker needs a shared bus: set BRANDWACHE_BUS=nats://host:4222 (and DATABASE_URL for PostgreSQL)",
        );
      }
      const runtime = await openRuntime(env, log, { pipeline: true });
      process.stdout.write("Brandwache worker is running; Ctrl-C to stop.\n");
      const stop = async () => {
        await runtime.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
