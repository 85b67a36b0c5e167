import type { Command } from "commander";
import { openDatabase } from "../platform/db/client.ts";
import type { Env } from "../platform/env.ts";
import type { Logger } from "../platform/logger.ts";

/** `brandwache migrate`: applies pending database migrations (serve and worker also do this on start). */
export function registerMigrate(program: Command, boot: () => { env: Env; log: Logger }) {
  program
    .command("migrate")
    .description("Apply pending database migrations to PGlite (BRANDWACHE_DATA) or PostgreSQL (DATABASE_URL)")
    .addHelpText("after", "\nExample:\n  $ DATABASE_URL=postgres://localhost/brandwache brandwache migrate\n")
    .action(async () => {
      const { env } = boot();
      const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir });
      try {
        await database.migrate();
        process.stdout.write(`Database (${database.kind}) is up to date.\n`);
      } finally {
        await database.close();
      }
    });
}
