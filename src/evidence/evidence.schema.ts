import { z } from "zod";

/** Capture a stored post as an evidence item. */
export const EvidenceCreate = z
  .object({
    /** The stored post to capture. */
    postId: z.string().min(1).max(100),
    /** The incident the item belongs to, if any. */
    incidentId: z.string().min(1).max(100).optional(),
    /** Why it was captured, for the file ("Beleidigung, § 185 StGB"). */
    note: z.string().trim().max(2000).optional(),
    /** Ask the time-stamping authority for an RFC 3161 timestamp; default: the organisation's setting. */
    timestamp: z.boolean().optional(),
  })
  .strict();
export type EvidenceCreate = z.infer<typeof EvidenceCreate>;

/** Put an item on legal hold or release it; a reason is required either way. */
export const EvidenceUpdate = z
  .object({
    /** Items on hold are never removed by retention. */
    legalHold: z.boolean(),
    /** Why (a court case, a police report, the lawyer's request). */
    reason: z.string().trim().min(1, "a reason is required").max(1000),
  })
  .strict();
export type EvidenceUpdate = z.infer<typeof EvidenceUpdate>;

/** Filters of the evidence list. */
export const EvidenceQuery = z.object({
  /** Only items of this incident. */
  incidentId: z.string().min(1).max(100).optional(),
  /** Only items of this post. */
  postId: z.string().min(1).max(100).optional(),
});
export type EvidenceQuery = z.infer<typeof EvidenceQuery>;

/** One stored file of an item. */
export const EvidenceFileRead = z.object({
  /** `snapshot.json`, `post.png`, `post.pdf` or `timestamp.tsr`. */
  name: z.string(),
  mediaType: z.string(),
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: z.string(),
  size: z.number().int(),
});
export type EvidenceFileRead = z.infer<typeof EvidenceFileRead>;

/** An evidence item as the API returns it. */
export const EvidenceRead = z.object({
  id: z.string(),
  /** Null when the post was deleted since (the snapshot keeps its content). */
  postId: z.string().nullable(),
  incidentId: z.string().nullable(),
  note: z.string().nullable(),
  platform: z.string(),
  authorHandle: z.string(),
  /** The beginning of the post's text, plain text. */
  excerpt: z.string(),
  postUrl: z.string().nullable(),
  profileUrl: z.string().nullable(),
  /** When Brandwache first saw the post. */
  firstSeenAt: z.string(),
  capturedAt: z.string(),
  /** `user:<id>` or `token:<id>`. */
  capturedBy: z.string(),
  legalHold: z.object({
    on: z.boolean(),
    by: z.string().nullable(),
    at: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  /** The RFC 3161 timestamp over the SHA-256 of `snapshot.json`; null when none was taken. */
  timestamp: z.object({ genTime: z.string(), tsaUrl: z.string(), serialNumber: z.string() }).nullable(),
  /** Why the timestamp could not be taken. */
  timestampError: z.string().nullable(),
  /** Why the PNG/PDF rendering failed; render again with POST /api/evidence/{id}/render. */
  renderError: z.string().nullable(),
  files: z.array(EvidenceFileRead),
});
export type EvidenceRead = z.infer<typeof EvidenceRead>;

export const EvidenceList = z.object({ items: z.array(EvidenceRead) });
export type EvidenceList = z.infer<typeof EvidenceList>;

/** Evidence settings of an organisation. */
export const EvidenceSettings = z
  .object({
    /** Items older than this many days are removed (never on hold or of an open incident); null keeps them forever. */
    retentionDays: z.number().int().min(1).max(36_500).nullable(),
    /** RFC 3161 time-stamping authority of this organisation; null uses the server's BRANDWACHE_TSA_URL. */
    tsaUrl: z
      .url({ protocol: /^https?$/, message: "must be an http or https URL" })
      .max(2000)
      .nullable(),
    /** Timestamp every capture (when a time-stamping authority is configured). */
    timestampEveryCapture: z.boolean(),
  })
  .strict();
export type EvidenceSettings = z.infer<typeof EvidenceSettings>;

/** The settings as the API returns them, with the authority the server would use. */
export const EvidenceSettingsRead = EvidenceSettings.extend({
  /** The server's BRANDWACHE_TSA_URL, if set. */
  serverTsaUrl: z.string().nullable(),
});
export type EvidenceSettingsRead = z.infer<typeof EvidenceSettingsRead>;
