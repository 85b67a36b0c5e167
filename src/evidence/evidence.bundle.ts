import { createRequire } from "node:module";
import { exportAuditChain } from "../audit/audit.service.ts";
import { canonicalJson } from "../core/audit/jcs.ts";
import { type BundleManifest, manifestName } from "../core/evidence/manifest.ts";
import { getIncident } from "../incidents/incidents.service.ts";
import { listIncidentTimeline } from "../incidents/incidents.timeline.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import * as repo from "./evidence.repo.ts";
import { listEvidence, sha256Hex } from "./evidence.service.ts";
import { buildSummaryPdf } from "./evidence.summary.ts";

const pkg = createRequire(import.meta.url)("../../package.json") as { version: string };
/** The tool name and version written into bundles. */
export const bundleTool = `brandwache ${pkg.version}`;

/** One file of a bundle. */
export interface BundleFile {
  path: string;
  bytes: Uint8Array;
}

/** The audit log's stretch inside a bundle: one JCS entry per line, in chain order. */
export const auditFileName = "audit.jsonl";

const encode = (text: string) => new TextEncoder().encode(text);
const prettyJson = (value: unknown) => encode(`${JSON.stringify(value, null, 2)}\n`);

/**
 * The evidence bundle of an incident: `items/<itemId>/<file>` for each of its items, `incident.json`,
 * `timeline.json`, `audit.jsonl` (the organisation's audit chain from the incident's opening to now;
 * the manifest names the hash its first entry links to, so the stretch can be checked), `summary.pdf`, and
 * `manifest.json` last, listing every other file with its SHA-256 and size.
 */
export async function buildEvidenceBundle(
  ctx: AppContext,
  orgId: string,
  incidentId: string,
): Promise<{ files: BundleFile[] }> {
  // Reading needs no role; the caller (route or CLI) has decided who may export.
  const reader: Actor = { orgId, role: "viewer", userId: null, tokenId: null };
  const incident = await getIncident(ctx, reader, incidentId);
  const createdAt = ctx.clock.now();
  const items = await listEvidence(ctx, reader, { incidentId });
  const files: BundleFile[] = [];
  for (const item of [...items].reverse()) {
    for (const file of await repo.listFiles(ctx.db, item.id)) {
      files.push({ path: `items/${item.id}/${file.name}`, bytes: file.bytes });
    }
  }
  const timeline = await listIncidentTimeline(ctx.db, orgId, incidentId);
  const audit = await exportAuditChain(ctx.db, { orgId, from: new Date(incident.createdAt), to: createdAt });
  files.push({ path: "incident.json", bytes: prettyJson(incident) });
  files.push({ path: "timeline.json", bytes: prettyJson(timeline) });
  files.push({
    path: auditFileName,
    bytes: encode(audit.entries.map((e) => `${canonicalJson(e)}\n`).join("")),
  });
  files.push({
    path: "summary.pdf",
    bytes: await buildSummaryPdf({
      createdAt,
      tool: bundleTool,
      incident,
      items: [...items].reverse(),
      auditEntries: audit.entries.length,
      timelineEntries: timeline.length,
    }),
  });
  const manifest: BundleManifest = {
    format: "brandwache-evidence-bundle/1",
    createdAt: createdAt.toISOString(),
    tool: bundleTool,
    orgId,
    incidentId,
    audit: { previousHash: audit.previousHash, entries: audit.entries.length },
    files: files.map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), size: f.bytes.byteLength })),
  };
  files.push({ path: manifestName, bytes: prettyJson(manifest) });
  return { files };
}
