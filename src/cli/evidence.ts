import type { Command } from "commander";
import { buildEvidenceBundle } from "../evidence/evidence.bundle.ts";
import {
  type BundleCheck,
  BundleError,
  verifyBundleDir,
  writeBundleDir,
} from "../evidence/evidence.files.ts";
import { resolveOrganisation } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Env } from "../platform/env.ts";
import type { Logger } from "../platform/logger.ts";
import { openRuntime } from "../platform/runtime.ts";

/** Writes an incident's evidence bundle into `out` (new or empty); returns how many files were written. */
export async function exportEvidenceBundle(
  ctx: AppContext,
  opts: { incident: string; out: string; org?: string | undefined },
): Promise<number> {
  const org = await resolveOrganisation(ctx, opts.org);
  const { files } = await buildEvidenceBundle(ctx, org.id, opts.incident);
  await writeBundleDir(opts.out, files);
  return files.length;
}

/** The report of `evidence verify`, as text lines, naming each changed, missing or extra file. */
export function describeBundleCheck(dir: string, check: BundleCheck): string[] {
  if (check.ok) {
    return [
      `OK: all ${check.files} files of ${dir} match manifest.json (incident ${check.manifest.incidentId}, created ${check.manifest.createdAt}).`,
      ...(check.auditChain
        ? [`Audit log stretch: ${check.auditChain.entries} entries, hash chain intact.`]
        : []),
    ];
  }
  return [
    `FAILED: ${dir} does not match manifest.json.`,
    ...check.changed.map((p) => `changed: ${p}`),
    ...check.missing.map((p) => `missing: ${p}`),
    ...check.extra.map((p) => `extra: ${p} (not in manifest.json)`),
    ...(check.auditChain && !check.auditChain.ok
      ? [`audit chain broken at seq ${check.auditChain.seq}: ${check.auditChain.reason}`]
      : []),
  ];
}

/** `brandwache evidence export|verify`. */
export function registerEvidenceCommands(program: Command, boot: () => { env: Env; log: Logger }) {
  const evidence = program
    .command("evidence")
    .description("Export and verify evidence bundles")
    .addHelpText("after", "\nExample:\n  $ brandwache evidence verify ./bundle-incident-42\n");
  evidence
    .command("export")
    .description(
      "Write an incident's evidence bundle (files, manifest.json with SHA-256, timeline, audit log, summary.pdf) into a new or empty folder",
    )
    .requiredOption("--incident <id>", "the incident's id")
    .requiredOption("--out <dir>", "folder to write (must be new or empty)")
    .option("--org <slug>", "organisation (may be left out when there is only one)")
    .addHelpText(
      "after",
      "\nExample:\n  $ brandwache evidence export --incident 01JD3Q… --out ./bundle-incident\n",
    )
    .action(async (o: { incident: string; out: string; org?: string }) => {
      const { env, log } = boot();
      const runtime = await openRuntime(env, log, { pipeline: false });
      try {
        const count = await exportEvidenceBundle(runtime.ctx, o);
        process.stdout.write(
          `Wrote ${count} files to ${o.out}. Check them with: brandwache evidence verify ${o.out}\n`,
        );
      } catch (error) {
        if (!(error instanceof BundleError)) throw error;
        process.stderr.write(`brandwache evidence export: ${error.message}\n`);
        process.exitCode = 2;
      } finally {
        await runtime.close();
      }
    });
  evidence
    .command("verify")
    .description(
      "Re-hash every file of a bundle folder; exit 0 when all match manifest.json, 1 naming each changed, missing or extra file",
    )
    .argument("<dir>", "the bundle folder")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExample:\n  $ brandwache evidence verify ./bundle-incident --json\n")
    .action(async (dir: string, o: { json?: boolean }) => {
      let check: BundleCheck;
      try {
        check = await verifyBundleDir(dir);
      } catch (error) {
        if (!(error instanceof BundleError)) throw error;
        process.stderr.write(`brandwache evidence verify: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      if (o.json) {
        const { manifest, ...rest } = check;
        process.stdout.write(
          `${JSON.stringify({ ...rest, incidentId: manifest.incidentId, createdAt: manifest.createdAt }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(`${describeBundleCheck(dir, check).join("\n")}\n`);
      }
      process.exitCode = check.ok ? 0 : 1;
    });
}
