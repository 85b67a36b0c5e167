import { once } from "node:events";
import fs from "node:fs";
import type { Command } from "commander";
import { openAuditChainExport, verifyAuditChain } from "../audit/audit.service.ts";
import { canonicalJson } from "../core/audit/jcs.ts";
import { findOrganisationBySlug, organisationName } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Env } from "../platform/env.ts";
import { AppError } from "../platform/http/errors.ts";
import type { Logger } from "../platform/logger.ts";
import { openRuntime } from "../platform/runtime.ts";

/** The id of the organisation named by slug or id. */
async function organisationId(ctx: AppContext, slugOrId: string): Promise<string> {
  const bySlug = await findOrganisationBySlug(ctx, slugOrId);
  if (bySlug) return bySlug.id;
  if ((await organisationName(ctx, slugOrId)) !== null) return slugOrId;
  throw new AppError("not_found", `--org: no organisation with the slug or id "${slugOrId}"`);
}

/**
 * `brandwache audit verify`: checks every link of the chain (one organisation's with `org`) and
 * writes the result; returns the exit status (0 intact, 1 broken).
 */
export async function runAuditVerify(
  ctx: AppContext,
  opts: { org?: string | undefined; json?: boolean | undefined },
  write: (text: string) => void,
): Promise<number> {
  const orgId = opts.org !== undefined ? await organisationId(ctx, opts.org) : undefined;
  const check = await verifyAuditChain(ctx.db, orgId !== undefined ? { orgId } : {});
  if (opts.json) {
    write(`${JSON.stringify(check, null, 2)}\n`);
  } else if (check.ok) {
    write(`Audit chain intact: ${check.entries} entries checked.\n`);
  } else {
    const name = await organisationName(ctx, check.orgId);
    const label = name ? `${name} (${check.orgId})` : check.orgId;
    write(
      `Audit chain broken: organisation ${label}, entry seq ${check.seq}: ${check.reason}\n` +
        `(${check.entries} entries before it are intact.)\n`,
    );
  }
  return check.ok ? 0 : 1;
}

/** `brandwache audit export`: writes each chain (or one organisation's) to `out` as JSONL; returns the count. */
export async function runAuditExport(
  ctx: AppContext,
  opts: { org?: string | undefined; out: string },
): Promise<{ entries: number; organisations: number }> {
  const orgId = opts.org !== undefined ? await organisationId(ctx, opts.org) : undefined;
  const { entries } = await openAuditChainExport(ctx.db, orgId !== undefined ? { orgId } : {});
  const file = fs.createWriteStream(opts.out, { encoding: "utf8" });
  const orgs = new Set<string>();
  let count = 0;
  try {
    for await (const entry of entries) {
      // Each line is the entry's JCS form, hash included: stable bytes, readable by any JSON parser.
      if (!file.write(`${canonicalJson(entry)}\n`)) await once(file, "drain");
      orgs.add(entry.orgId);
      count++;
    }
  } finally {
    file.end();
    await once(file, "close");
  }
  return { entries: count, organisations: orgs.size };
}

/** `brandwache audit verify|export`. */
export function registerAuditCommands(program: Command, boot: () => { env: Env; log: Logger }): void {
  const audit = program
    .command("audit")
    .description("Check and export the tamper-evident audit log (docs/EVIDENCE.md)")
    .addHelpText("after", "\nExample:\n  $ brandwache audit verify\n");
  audit
    .command("verify")
    .description(
      "Re-check every entry's hash against its content and the previous entry; exit status 1 names the first broken entry",
    )
    .option("--org <slug-or-id>", "only this organisation's chain (default: every organisation)")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExample:\n  $ brandwache audit verify --org nordwind\n")
    .action(async (o: { org?: string; json?: boolean }) => {
      const { env, log } = boot();
      const runtime = await openRuntime(env, log, { pipeline: false });
      let status = 1;
      try {
        status = await runAuditVerify(runtime.ctx, o, (text) => process.stdout.write(text));
      } finally {
        await runtime.close();
      }
      process.exitCode = status;
    });
  audit
    .command("export")
    .description("Write the audit chain as JSONL, one entry per line with its hash, in chain order")
    .requiredOption("--out <file>", "where to write the JSONL file")
    .option(
      "--org <slug-or-id>",
      "only this organisation's chain (default: every organisation, one after the other)",
    )
    .addHelpText(
      "after",
      "\nExample:\n  $ brandwache audit export --org nordwind --out audit-nordwind.jsonl\n",
    )
    .action(async (o: { org?: string; out: string }) => {
      const { env, log } = boot();
      const runtime = await openRuntime(env, log, { pipeline: false });
      try {
        const { entries, organisations } = await runAuditExport(runtime.ctx, o);
        process.stdout.write(`Wrote ${entries} entries of ${organisations} organisation(s) to ${o.out}.\n`);
      } finally {
        await runtime.close();
      }
    });
}
