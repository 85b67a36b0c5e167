import { z } from "zod";

/** One file a bundle's manifest lists. */
export const ManifestFile = z.object({
  /** Path inside the bundle, `/`-separated, relative. */
  path: z
    .string()
    .min(1)
    .refine((p) => !p.startsWith("/") && !p.split("/").some((s) => s === "" || s === "." || s === ".."), {
      message: "must be a relative path without . or .. segments",
    }),
  /** Lower-case hex SHA-256 of the file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/u, "must be 64 lower-case hex digits"),
  /** Size in bytes. */
  size: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

/** `manifest.json` of an evidence bundle. */
export const BundleManifest = z.object({
  format: z.literal("brandwache-evidence-bundle/1"),
  /** When the bundle was built (ISO 8601). */
  createdAt: z.string(),
  /** `brandwache <version>` that built it. */
  tool: z.string(),
  orgId: z.string(),
  incidentId: z.string(),
  /** The audit log's stretch in `audit.jsonl`: the hash its first entry links to, and how many entries. */
  audit: z.object({
    previousHash: z.string().regex(/^[0-9a-f]{64}$/u, "must be 64 lower-case hex digits"),
    entries: z.number().int().nonnegative(),
  }),
  files: z.array(ManifestFile),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** The name of the manifest inside a bundle; it lists every other file. */
export const manifestName = "manifest.json";

/** What a bundle check found: files whose hash or size differ, files missing, files the manifest does not list. */
export interface BundleDifferences {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** Compares the manifest with the files found (path → sha256 and size); the manifest itself is not compared. */
export function compareWithManifest(
  manifest: Pick<BundleManifest, "files">,
  found: ReadonlyMap<string, { sha256: string; size: number }>,
): BundleDifferences {
  const listed = new Set(manifest.files.map((f) => f.path));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of manifest.files) {
    const actual = found.get(file.path);
    if (!actual) missing.push(file.path);
    else if (actual.sha256 !== file.sha256 || actual.size !== file.size) changed.push(file.path);
  }
  const extra = [...found.keys()].filter((p) => p !== manifestName && !listed.has(p));
  return { changed: changed.sort(), missing: missing.sort(), extra: extra.sort() };
}
