import { z } from "zod";
import { clockKinds } from "../core/incidents/clocks.ts";

/** SEV1 is the worst: business at risk; SEV4 is a minor matter handled in the normal flow. */
export const Severity = z.enum(["sev1", "sev2", "sev3", "sev4"]);
export type Severity = z.infer<typeof Severity>;

/** Lifecycle of an incident. */
export const IncidentStatus = z.enum(["active", "stable", "closed"]);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** The roles people take in an incident (Krisenstab). */
export const IncidentRole = z.enum(["lead", "communications", "legal", "it_security", "management"]);
export type IncidentRole = z.infer<typeof IncidentRole>;

/** What an incident is opened from. */
export const IncidentSourceKind = z.enum(["alert", "post", "conversation", "manual"]);
export type IncidentSourceKind = z.infer<typeof IncidentSourceKind>;

/** A language of generated texts. */
export const Lang = z.enum(["de", "en"]);
/** A text in German and English. */
export const Bilingual = z.object({ de: z.string(), en: z.string() });

/** An incident to open, by hand or from an alert, a post or an inbox conversation. */
export const IncidentCreate = z
  .object({
    /** What happened, in a line; taken from the alert when left out. */
    title: z.string().trim().min(1).max(300).optional(),
    /** How bad it is; suggested from the topic's escalation level when left out. */
    severity: Severity.optional(),
    /** What is known so far. */
    description: z.string().max(10_000).optional(),
    /** Where it comes from (`manual` or left out: by hand). */
    source: z
      .object({ kind: IncidentSourceKind, id: z.string().min(1).max(100).optional() })
      .strict()
      .optional(),
    /** The language of its review and generated texts. */
    lang: Lang.optional(),
  })
  .strict();
export type IncidentCreate = z.infer<typeof IncidentCreate>;

/** Changes to an incident. */
export const IncidentUpdate = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    severity: Severity.optional(),
    status: IncidentStatus.optional(),
    description: z.string().max(10_000).optional(),
    /** The post-incident review, edited after closing. */
    review: z.string().max(100_000).optional(),
    lang: Lang.optional(),
  })
  .strict();
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

/** An incident as the API returns it. */
export const IncidentRead = z.object({
  id: z.string(),
  title: z.string(),
  severity: Severity,
  status: IncidentStatus,
  description: z.string().nullable(),
  topicId: z.string().nullable(),
  source: z.object({ kind: IncidentSourceKind, id: z.string().nullable() }),
  lang: Lang,
  /** The user id of the incident lead, if one is assigned. */
  leadUserId: z.string().nullable(),
  closedAt: z.string().nullable(),
  review: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IncidentRead = z.infer<typeof IncidentRead>;

export const IncidentList = z.object({ items: z.array(IncidentRead) });

/** What the open-incident dialog prefills for a source. */
export const IncidentSuggestionQuery = z
  .object({ kind: IncidentSourceKind, id: z.string().min(1).max(100).optional(), lang: Lang.default("de") })
  .strict();
export const IncidentSuggestion = z.object({
  title: z.string(),
  severity: Severity,
  /** The topic's escalation level the severity was suggested from; null without a topic. */
  level: z.number().nullable(),
  topicId: z.string().nullable(),
});
export type IncidentSuggestion = z.infer<typeof IncidentSuggestion>;

/** Who holds the incident's roles; null frees a role. */
export const IncidentRolesUpdate = z
  .object({
    lead: z.string().min(1).max(100).nullable().optional(),
    communications: z.string().min(1).max(100).nullable().optional(),
    legal: z.string().min(1).max(100).nullable().optional(),
    it_security: z.string().min(1).max(100).nullable().optional(),
    management: z.string().min(1).max(100).nullable().optional(),
  })
  .strict();
export type IncidentRolesUpdate = z.infer<typeof IncidentRolesUpdate>;
export const IncidentRoleRead = z.object({ role: IncidentRole, userId: z.string(), name: z.string() });
export const IncidentRoleList = z.object({ items: z.array(IncidentRoleRead) });

/** A post attached to an incident (text only; it is attacker-controlled). */
export const IncidentPostRead = z.object({
  id: z.string(),
  platform: z.string(),
  author: z.string(),
  text: z.string(),
  url: z.string().nullable(),
  postedAt: z.string(),
  attachedAt: z.string(),
});
export const IncidentPostList = z.object({ items: z.array(IncidentPostRead) });
export const AttachPosts = z
  .object({ postIds: z.array(z.string().min(1).max(100)).min(1).max(500) })
  .strict();

/** One timeline entry. */
export const IncidentEventRead = z.object({
  id: z.string(),
  kind: z.string(),
  actor: z.string(),
  title: Bilingual,
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type IncidentEventRead = z.infer<typeof IncidentEventRead>;
export const IncidentTimeline = z.object({ items: z.array(IncidentEventRead) });

/** A note written on the timeline by hand. */
export const IncidentNoteCreate = z
  .object({
    /** What happened or was decided. */
    text: z.string().trim().min(1).max(5000),
    /** When it happened, if not now. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** An internal status update written from a template. */
export const StatusUpdateCreate = z
  .object({
    /** The template's key (`situation`, `stable`, `closed`). */
    template: z.string().min(1).max(50),
    /** When the next update is due, as people read it ("14:00", "tomorrow 9:00"). */
    nextUpdate: z.string().max(100).default(""),
    /** The text as finally worded; the filled template when left out. */
    text: z.string().max(5000).optional(),
  })
  .strict();
export const StatusTemplateList = z.object({
  items: z.array(z.object({ key: z.string(), label: Bilingual, text: Bilingual })),
});

/** Organisation-wide incident settings. */
export const IncidentSettings = z
  .object({
    /** Whether the organisation falls under NIS2 (its NIS2 clocks run only then). */
    nis2InScope: z.boolean(),
  })
  .strict();
export type IncidentSettings = z.infer<typeof IncidentSettings>;

/** Figures for the Overview card. */
export const IncidentFigures = z.object({
  open: z.array(z.object({ status: IncidentStatus, severity: Severity, count: z.number() })),
  oldestOpen: z.object({ id: z.string(), title: z.string(), createdAt: z.string() }).nullable(),
  tasksOverdue: z.number(),
  clocksSoonest: z.array(
    z.object({
      incidentId: z.string(),
      incidentTitle: z.string(),
      kind: z.enum(clockKinds),
      dueAt: z.string(),
    }),
  ),
});
export type IncidentFigures = z.infer<typeof IncidentFigures>;
