import { z } from "zod";
import { templateVariables, unknownVariables } from "../core/inbox/template.ts";
import { isKnownTimeZone } from "../core/sla/calendar.ts";
import { germanStates } from "../core/sla/holidays.ts";
import { priorityBands } from "../core/sla/targets.ts";

const id = z.string().min(1).max(100);

/** Where a conversation stands: nobody touched it yet, being worked on, waiting for the customer, done. */
export const ConversationStatus = z.enum(["new", "open", "waiting", "done"]);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** Priority bands: urgent ≥ 0.8, high ≥ 0.6, normal ≥ 0.3, low below (docs/INBOX.md). */
export const PriorityBand = z.enum(priorityBands);

/** Who a conversation is assigned to. */
export const AssigneeRead = z.object({
  kind: z.enum(["user", "team"]),
  id: z.string(),
  name: z.string(),
});

/** A conversation's service levels: when answers are due, when they came, whether a target was missed. */
export const SlaRead = z.object({
  firstResponseDueAt: z.string(),
  resolutionDueAt: z.string(),
  firstRespondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  firstResponseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
});

/** A conversation in the list. */
export const ConversationSummary = z.object({
  id: z.string(),
  /** Ticket number per organisation, shown as `#1042`. */
  ticket: z.number().int(),
  platform: z.string(),
  /** The first characters of the post that opened it; show as text, never as HTML. */
  subject: z.string(),
  lang: z.string(),
  priority: z.number(),
  band: PriorityBand,
  status: ConversationStatus,
  assignee: AssigneeRead.nullable(),
  firstPostAt: z.string(),
  lastActivityAt: z.string(),
  postCount: z.number().int(),
  sla: SlaRead,
  /** Whether a note mentions the signed-in person. */
  mentionsMe: z.boolean(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/** Filters of the conversation list. */
export const ConversationListQuery = z.object({
  status: ConversationStatus.optional(),
  /** `me`, `unassigned`, a user id or a team id. */
  assignee: z.string().min(1).max(100).optional(),
  /** `me`: only conversations whose notes mention the signed-in person. */
  mentions: z.literal("me").optional(),
  band: PriorityBand.optional(),
  /** Words in the subject or the posts' text. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

export const ConversationList = z.object({
  items: z.array(ConversationSummary),
  /** Conversations not done, in the whole organisation. */
  openCount: z.number().int(),
  /** Conversations not done whose notes mention the signed-in person. */
  mentionsMeCount: z.number().int(),
});

/** One post of the thread; its text is the author's, to be shown as text only. */
export const ConversationPostRead = z.object({
  id: z.string(),
  externalId: z.string(),
  inReplyTo: z.string().nullable(),
  author: z.object({ handle: z.string(), displayName: z.string().nullable() }),
  /** Whether the author is one of the organisation's official accounts (our own answer). */
  official: z.boolean(),
  text: z.string(),
  lang: z.string(),
  url: z.string().nullable(),
  postedAt: z.string(),
  /** When the author last edited the post (the text is the edited one), or null. */
  editedAt: z.string().nullable(),
  /** When the author deleted it on the platform (it stays here as a record), or null. */
  deletedAt: z.string().nullable(),
  priority: z.number(),
  flags: z.array(z.string()),
});

/** An internal note. */
export const NoteRead = z.object({
  id: z.string(),
  author: z.object({ userId: z.string().nullable(), name: z.string() }),
  text: z.string(),
  mentions: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.string(),
});
export type NoteRead = z.infer<typeof NoteRead>;

/** A colleague writing an answer right now. */
export const PresenceRead = z.object({ userId: z.string(), name: z.string() });

/** A conversation with its thread, notes and who else is answering. */
export const ConversationRead = ConversationSummary.extend({
  posts: z.array(ConversationPostRead),
  notes: z.array(NoteRead),
  /** Colleagues composing an answer in the last 30 seconds (not the signed-in person). */
  composing: z.array(PresenceRead),
});
export type ConversationRead = z.infer<typeof ConversationRead>;

/** Change the status or the assignee (null: unassigned). */
export const ConversationUpdate = z
  .object({
    status: ConversationStatus.optional(),
    assignee: z
      .object({ kind: z.enum(["user", "team"]), id })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
export type ConversationUpdate = z.infer<typeof ConversationUpdate>;

/** A new internal note; `@anna` or `@anna@firma.de` mentions a colleague. */
export const NoteCreate = z.object({ text: z.string().trim().min(1).max(5000) }).strict();

/** A presence heartbeat, sent every 10-15 seconds while someone writes an answer. */
export const PresenceUpdate = z.object({ composing: z.boolean() }).strict();

/** Period of the response figures. */
export const FiguresQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(7) });

const Durations = z.object({
  /** Conversations measured. */
  count: z.number().int(),
  /** Median in business minutes; null without any. */
  median: z.number().nullable(),
  /** 90th percentile in business minutes. */
  p90: z.number().nullable(),
});

const BandFigures = z.object({
  open: z.number().int(),
  firstResponse: Durations,
  resolution: Durations,
  breaches: z.number().int(),
});

/** Response-time figures: conversations opened in the last `days` days, open ones now. */
export const ResponseFigures = z.object({
  days: z.number().int(),
  open: z.number().int(),
  firstResponse: Durations,
  resolution: Durations,
  /** Targets missed in the period (first response and resolution counted separately). */
  breaches: z.number().int(),
  byBand: z.object({ urgent: BandFigures, high: BandFigures, normal: BandFigures, low: BandFigures }),
});
export type ResponseFigures = z.infer<typeof ResponseFigures>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "a time HH:MM (00:00-24:00)");
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD")
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "not a real date",
  );

/** Service hours: per weekday (Monday first), a list of ranges; an end at or before the start runs past midnight. */
export const ServiceCalendarSchema = z
  .object({
    /** IANA time zone, e.g. Europe/Berlin. */
    timeZone: z.string().min(1).max(100).refine(isKnownTimeZone, "an IANA time zone such as Europe/Berlin"),
    weekly: z
      .array(z.array(z.object({ start: clockTime, end: clockTime }).strict()).max(6))
      .length(7, "seven weekdays, Monday first"),
    holidays: z.array(isoDate).max(400),
  })
  .strict()
  .refine((c) => c.weekly.some((day) => day.length > 0), {
    message: "at least one weekday needs service hours",
    path: ["weekly"],
  });

const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 60);
const BandTargetsSchema = z.object({ firstResponseMinutes: minutes, resolutionMinutes: minutes }).strict();

/** Service-level targets per band, in business minutes. */
export const ServiceTargetsSchema = z
  .object({
    urgent: BandTargetsSchema,
    high: BandTargetsSchema,
    normal: BandTargetsSchema,
    low: BandTargetsSchema,
  })
  .strict();

/** The inbox settings of an organisation. */
export const InboxSettingsRead = z.object({
  /** Posts at or above this priority need an answer even without another reason. */
  attentionThreshold: z.number(),
  calendar: ServiceCalendarSchema,
  targets: ServiceTargetsSchema,
});
export type InboxSettingsRead = z.infer<typeof InboxSettingsRead>;

export const InboxSettingsUpdate = z
  .object({
    attentionThreshold: z.number().min(0).max(1).optional(),
    calendar: ServiceCalendarSchema.optional(),
    targets: ServiceTargetsSchema.optional(),
  })
  .strict();
export type InboxSettingsUpdate = z.infer<typeof InboxSettingsUpdate>;

/** Which German public holidays to generate. */
export const HolidayQuery = z.object({
  year: z.coerce.number().int().min(1995).max(2100),
  /** A Land (ISO 3166-2:DE code without DE-); absent: nationwide only. */
  state: z.enum(germanStates).optional(),
});

export const HolidayList = z.object({
  items: z.array(z.object({ date: z.string(), name: z.object({ de: z.string(), en: z.string() }) })),
});

/** A team conversations can be assigned to. */
export const TeamCreate = z
  .object({ name: z.string().trim().min(1).max(100), memberIds: z.array(id).max(200).default([]) })
  .strict();
export type TeamCreate = z.infer<typeof TeamCreate>;
export const TeamUpdate = z
  .object({ name: z.string().trim().min(1).max(100).optional(), memberIds: z.array(id).max(200).optional() })
  .strict();
export type TeamUpdate = z.infer<typeof TeamUpdate>;
export const TeamRead = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TeamRead = z.infer<typeof TeamRead>;
export const TeamList = z.object({ items: z.array(TeamRead) });

const replyText = z
  .string()
  .trim()
  .min(1)
  .max(5000)
  .superRefine((text, issue) => {
    const unknown = unknownVariables(text);
    if (unknown.length > 0) {
      issue.addIssue({
        code: "custom",
        message: `unknown variable${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `{${u}}`).join(", ")}; known: ${templateVariables.map((v) => `{${v}}`).join(", ")}`,
      });
    }
  });

/** A saved reply; `{author}`, `{name}`, `{ticket}`, `{agent}` and `{org}` are filled in when it is used. */
export const SavedReplyCreate = z
  .object({ title: z.string().trim().min(1).max(200), lang: z.enum(["de", "en"]), text: replyText })
  .strict();
export type SavedReplyCreate = z.infer<typeof SavedReplyCreate>;
export const SavedReplyUpdate = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    lang: z.enum(["de", "en"]).optional(),
    text: replyText.optional(),
  })
  .strict();
export type SavedReplyUpdate = z.infer<typeof SavedReplyUpdate>;
export const SavedReplyRead = z.object({
  id: z.string(),
  title: z.string(),
  lang: z.enum(["de", "en"]),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedReplyRead = z.infer<typeof SavedReplyRead>;
export const SavedReplyList = z.object({ items: z.array(SavedReplyRead) });
export const SavedReplyQuery = z.object({
  /** Words in the title or text (matched literally, `%` and `_` included). */
  q: z.string().trim().max(200).optional(),
  lang: z.enum(["de", "en"]).optional(),
});

/** A saved reply filled in for one conversation. */
export const FillReplyBody = z.object({ savedReplyId: id }).strict();
export const FilledReply = z.object({ text: z.string(), lang: z.enum(["de", "en"]) });
