import { z } from "zod";
import { clockKinds } from "../core/incidents/clocks.ts";
import { IncidentRole } from "../incidents/incidents.schema.ts";

/** The risks a playbook answers. */
export const PlaybookRisk = z.enum([
  "escalating_complaint",
  "insult_defamation",
  "shitstorm",
  "coordinated_campaign",
  "hacked_account",
  "malware_phishing",
  "data_leak",
  "impersonation",
  "threat_of_violence",
]);
export type PlaybookRisk = z.infer<typeof PlaybookRisk>;

/** A text in both languages; neither may be empty. */
export const BilingualText = z
  .object({ de: z.string().trim().min(1).max(5000), en: z.string().trim().min(1).max(5000) })
  .strict();

/** One step of a playbook; running the playbook turns each step into a task. */
export const PlaybookStep = z
  .object({
    title: BilingualText,
    /** The incident role that does it. */
    role: IncidentRole,
    /** Due this many minutes after the incident started. */
    offsetMinutes: z.number().int().min(0).max(525_600),
    checklist: z.array(BilingualText).max(30).default([]),
    /** Reply templates to copy into the composer. */
    replyTemplates: z.array(BilingualText).max(10).default([]),
    /** A legal clock the step starts (from the incident's start). */
    clock: z.enum(clockKinds).optional(),
    /** Opens a DSA notice draft (Art. 16) with this legal reasoning. */
    notice: z
      .object({ law: z.string().trim().min(1).max(500), reasons: BilingualText })
      .strict()
      .optional(),
    /** What evidence to capture in this step. */
    evidence: BilingualText.optional(),
  })
  .strict();
export type PlaybookStep = z.infer<typeof PlaybookStep>;

/** A new version of a playbook's steps. */
export const PlaybookVersionCreate = z
  .object({ steps: z.array(PlaybookStep).min(1).max(50), title: BilingualText.optional() })
  .strict();
export type PlaybookVersionCreate = z.infer<typeof PlaybookVersionCreate>;

export const PlaybookVersionRead = z.object({
  id: z.string(),
  version: z.number(),
  steps: z.array(PlaybookStep),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type PlaybookVersionRead = z.infer<typeof PlaybookVersionRead>;

export const PlaybookRead = z.object({
  id: z.string(),
  key: z.string(),
  risk: PlaybookRisk,
  title: z.object({ de: z.string(), en: z.string() }),
  latest: PlaybookVersionRead,
  updatedAt: z.string(),
});
export type PlaybookRead = z.infer<typeof PlaybookRead>;
export const PlaybookList = z.object({ items: z.array(PlaybookRead) });
export const PlaybookVersionList = z.object({ items: z.array(PlaybookVersionRead) });

/** Runs a playbook's latest version on an incident. */
export const PlaybookRunCreate = z.object({ playbookId: z.string().min(1).max(100) }).strict();

export const PlaybookRunRead = z.object({
  id: z.string(),
  playbookId: z.string(),
  version: z.number(),
  tasks: z.number(),
  clocks: z.array(
    z.object({ kind: z.enum(clockKinds), outcome: z.enum(["started", "existing", "skipped"]) }),
  ),
  notices: z.number(),
  runAt: z.string(),
});
export type PlaybookRunRead = z.infer<typeof PlaybookRunRead>;
export const PlaybookRunList = z.object({
  items: z.array(PlaybookRunRead.omit({ tasks: true, clocks: true, notices: true })),
});
