import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { zipSync } from "fflate";
import { type ChainCheck, verifyChain } from "../core/audit/chain.ts";
import {
  type BundleDifferences,
  BundleManifest,
  compareWithManifest,
  manifestName,
} from "../core/evidence/manifest.ts";
import { auditFileName, type BundleFile } from "./evidence.bundle.ts";

/** A bundle folder that cannot be checked: no manifest, or one that is not a bundle manifest. */
export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BundleError";
  }
}

/** Writes a bundle into an empty (or new) folder; refuses a folder that holds anything. */
export async function writeBundleDir(dir: string, files: readonly BundleFile[]): Promise<void> {
  const existing = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (existing.length > 0) throw new BundleError(`${dir} is not empty; choose a new or empty folder`);
  for (const file of files) {
    const target = path.join(dir, ...file.path.split("/"));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.bytes, { flag: "wx" });
  }
}

/** The bundle as one .zip (paths as in the folder). */
export function zipBundle(files: readonly BundleFile[]): Uint8Array {
  return zipSync(Object.fromEntries(files.map((f) => [f.path, f.bytes])), { level: 6 });
}

async function listFilesUnder(root: string, rel = ""): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const p = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFilesUnder(root, p)));
    else out.push(p);
  }
  return out;
}

/** What `verify` found. */
export interface BundleCheck extends BundleDifferences {
  ok: boolean;
  /** Files checked against the manifest. */
  files: number;
  /** The audit log's stretch re-linked from the manifest's previous hash; null when audit.jsonl is missing. */
  auditChain: ChainCheck | null;
  manifest: BundleManifest;
}

/** Re-hashes every file of a bundle folder and compares it with `manifest.json`. */
export async function verifyBundleDir(dir: string): Promise<BundleCheck> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, manifestName), "utf8");
  } catch {
    throw new BundleError(`${dir} has no ${manifestName}; is it an evidence bundle?`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BundleError(
      `${manifestName} is not valid JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(manifest)"}: ${i.message}`);
    throw new BundleError(`${manifestName} is not an evidence bundle manifest: ${problems.join("; ")}`);
  }
  const found = new Map<string, { sha256: string; size: number }>();
  for (const rel of await listFilesUnder(dir)) {
    const bytes = await fs.readFile(path.join(dir, ...rel.split("/")));
    found.set(rel, { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength });
  }
  const differences = compareWithManifest(parsed.data, found);
  const auditChain = found.has(auditFileName)
    ? checkAuditStretch(
        await fs.readFile(path.join(dir, auditFileName), "utf8"),
        parsed.data.audit.previousHash,
      )
    : null;
  const ok =
    differences.changed.length + differences.missing.length + differences.extra.length === 0 &&
    auditChain?.ok !== false;
  return { ok, files: parsed.data.files.length, manifest: parsed.data, auditChain, ...differences };
}

/** Re-computes the hash links of the audit log's stretch (docs/EVIDENCE.md). */
function checkAuditStretch(text: string, previousHash: string): ChainCheck {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  try {
    return verifyChain(
      previousHash,
      lines.map((l) => JSON.parse(l)),
    );
  } catch (error) {
    return {
      ok: false,
      entries: 0,
      seq: 0,
      reason: `${auditFileName} is not JSON lines: ${error instanceof Error ? error.message : error}`,
    };
  }
}
