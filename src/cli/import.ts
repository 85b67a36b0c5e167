import fs from "node:fs";
import path from "node:path";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { resolveOrganisation } from "../orgs/orgs.service.ts";
import type { Env } from "../platform/env.ts";
import type { Logger } from "../platform/logger.ts";
import { openRuntime } from "../platform/runtime.ts";
import { readPostFile } from "../posts/posts.import.ts";
import type { PostCreate } from "../posts/posts.schema.ts";
import { publishIngested, recordImport } from "../posts/posts.service.ts";
import { ensureSource } from "../sources/sources.service.ts";

const shownProblems = 100;
// Valid rows handed to the bus at once.
const publishBatch = 200;

/** `brandwache import FILE`: streams a JSONL or CSV file of posts into the pipeline. */
export function registerImport(program: Command, boot: () => { env: Env; log: Logger }) {
  program
    .command("import")
    .argument("<file>", "posts as .jsonl/.ndjson or .csv (optionally .gz)")
    .description(
      "Import posts from a file; invalid rows are reported with line and field, valid rows are kept, and importing the same file twice changes nothing",
    )
    .option("--format <format>", "jsonl or csv (default: from the file extension)")
    .option("--org <slug>", "organisation (may be left out when there is only one)")
    .option("--problems <file>", "write every rejected row's problems to this file as JSON lines")
    .addHelpText(
      "after",
      "\nExit status: 0 when every row was valid, 1 when some rows were rejected (the valid ones are imported).\n\nExample:\n  $ brandwache import mentions-2026-11.csv --problems rejected.jsonl\n",
    )
    .action(async (file: string, o: { format?: "jsonl" | "csv"; org?: string; problems?: string }) => {
      if (o.format && o.format !== "jsonl" && o.format !== "csv")
        throw new Error(`--format must be jsonl or csv, not "${o.format}"`);
      if (!fs.existsSync(file)) throw new Error(`File not found: ${file}`);
      const { env, log } = boot();
      const runtime = await openRuntime(env, log, { pipeline: env.BRANDWACHE_BUS === "memory" });
      let storedNew = 0;
      const counter = runtime.metrics.postsStored;
      const before = (await counter.get()).values[0]?.value ?? 0;
      const problemsOut = o.problems ? fs.createWriteStream(o.problems) : null;
      const bar = new cliProgress.SingleBar(
        {
          format: "{bar} {percentage}% | {value}/{total} MB | {rows} rows | {rejected} rejected",
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      let accepted = 0;
      let rejected = 0;
      let started = false;
      try {
        const org = await resolveOrganisation(runtime.ctx, o.org);
        const sourceId = await ensureSource(runtime.ctx, org.id, "import", path.basename(file));
        const rows = readPostFile(file, {
          ...(o.format ? { format: o.format } : {}),
          onProgress: (read, total) => {
            if (!started) {
              bar.start(Math.max(1, Math.round(total / 1e6)), 0, { rows: 0, rejected: 0 });
              started = true;
            }
            bar.update(Math.round(read / 1e6), { rows: accepted + rejected, rejected });
          },
        });
        // Valid rows go on in batches: over NATS a batch leaves in one write instead of one per post.
        const pending: PostCreate[] = [];
        const publishPending = () => publishIngested(runtime.ctx, org.id, pending.splice(0), sourceId);
        try {
          for await (const row of rows) {
            if ("post" in row) {
              pending.push(row.post);
              accepted++;
              if (pending.length >= publishBatch) await publishPending();
              continue;
            }
            rejected++;
            problemsOut?.write(`${JSON.stringify({ file, ...row })}\n`);
            if (rejected <= shownProblems) {
              for (const p of row.problems) {
                bar.stop();
                started = false;
                process.stderr.write(`${file}:${p.line}: ${p.field}: ${p.message}\n`);
              }
            }
          }
        } finally {
          // The rows read before a failure are sent on too, as they were when each went alone.
          await publishPending();
        }
        // In-process, idle means the assess stage has stored everything it was handed.
        await runtime.ctx.bus.idle();
        await recordImport(runtime.ctx, org.id, sourceId, { file: path.basename(file), accepted, rejected });
        storedNew = ((await counter.get()).values[0]?.value ?? 0) - before;
      } finally {
        bar.stop();
        problemsOut?.end();
        await runtime.close();
      }
      if (rejected > shownProblems)
        process.stderr.write(`… and ${rejected - shownProblems} more rejected rows\n`);
      const storedPart =
        env.BRANDWACHE_BUS === "memory"
          ? `, ${storedNew} new posts stored (${accepted - storedNew} already known)`
          : " (workers store them)";
      process.stdout.write(`Imported ${file}: ${accepted} valid rows${storedPart}, ${rejected} rejected.\n`);
      if (rejected > 0) process.exitCode = 1;
    });
}
