import { z } from "zod";
import { clockKinds, clockThresholds } from "../core/incidents/clocks.ts";
import { noticeStates } from "../core/incidents/notices.ts";
import { Bilingual, IncidentRole } from "./incidents.schema.ts";

// ── Tasks ─────────────────────────────────────────────────────────────────────────────────────────

/** A task added by hand. */
export const TaskCreate = z
  .object({
    /** What to do. */
    title: z.string().trim().min(1).max(300),
    description: z.string().max(5000).optional(),
    /** Who does it (a member of the organisation). */
    ownerUserId: z.string().min(1).max(100).nullable().optional(),
    /** The incident role responsible. */
    role: IncidentRole.nullable().optional(),
    /** When it must be done. */
    dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
    /** Checklist items. */
    checklist: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  })
  .strict();
export type TaskCreate = z.infer<typeof TaskCreate>;

/** Changes to a task: owner, due time, status, ticked checklist items. */
export const TaskUpdate = z
  .object({
    ownerUserId: z.string().min(1).max(100).nullable().optional(),
    dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
    status: z.enum(["open", "done"]).optional(),
    /** Ticks or unticks one checklist item by its position. */
    check: z
      .object({ index: z.number().int().min(0).max(49), done: z.boolean() })
      .strict()
      .optional(),
  })
  .strict();
export type TaskUpdate = z.infer<typeof TaskUpdate>;

export const TaskRead = z.object({
  id: z.string(),
  title: Bilingual,
  description: Bilingual.nullable(),
  ownerUserId: z.string().nullable(),
  role: IncidentRole.nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  checklist: z.array(z.object({ text: Bilingual, done: z.boolean() })),
  replyTemplates: z.array(Bilingual),
  evidenceHint: Bilingual.nullable(),
  status: z.enum(["open", "done"]),
  playbookRunId: z.string().nullable(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TaskRead = z.infer<typeof TaskRead>;
export const TaskList = z.object({ items: z.array(TaskRead) });

// ── Legal clocks ──────────────────────────────────────────────────────────────────────────────────

/** The kind of a legal clock. */
export const ClockKind = z.enum(clockKinds);
export type ClockKind = z.infer<typeof ClockKind>;

/** A legal clock started by hand. */
export const ClockCreate = z
  .object({
    kind: ClockKind,
    /** The moment of knowledge or awareness the period runs from; now when left out. */
    startedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type ClockCreate = z.infer<typeof ClockCreate>;

/** Corrects a clock's start or marks it met. */
export const ClockUpdate = z
  .object({
    startedAt: z.iso.datetime({ offset: true }).optional(),
    /** `met`: the complaint, report or notice went out in time. */
    status: z.enum(["running", "met"]).optional(),
  })
  .strict();
export type ClockUpdate = z.infer<typeof ClockUpdate>;

export const ClockRead = z.object({
  id: z.string(),
  kind: ClockKind,
  label: Bilingual,
  startedAt: z.string(),
  dueAt: z.string(),
  status: z.enum(["running", "met", "expired"]),
  remindersSent: z.array(z.enum(clockThresholds)),
  /** The reminder times (a quarter left, 24 h left, 1 h left, expiry). */
  reminders: z.array(z.object({ threshold: z.enum(clockThresholds), at: z.string() })),
  metAt: z.string().nullable(),
});
export type ClockRead = z.infer<typeof ClockRead>;
export const ClockList = z.object({ items: z.array(ClockRead) });

// ── DSA notices ───────────────────────────────────────────────────────────────────────────────────

const Url = z.url({ protocol: /^https?$/ }).max(2000);

/** A notice to a platform under DSA Art. 16(2); it starts as a draft. */
export const NoticeCreate = z
  .object({
    /** The platform it goes to (Mastodon instance, X, Meta, YouTube …). */
    platform: z.string().trim().min(1).max(200),
    /** Art. 16(2)(b): the exact URLs of the content. */
    urls: z.array(Url).min(1).max(50),
    /** Art. 16(2)(a): why the content is illegal. */
    reasons: z.string().trim().min(1).max(10_000),
    /** The provisions it breaks, e.g. "§ 186 StGB". */
    law: z.string().trim().min(1).max(500),
    /** Art. 16(2)(c): the notifier's name and e-mail. */
    notifierName: z.string().trim().min(1).max(200),
    notifierEmail: z.email().max(320),
    /** Art. 16(2)(d): the statement of good faith; must be true. */
    goodFaith: z.literal(true, { error: "the good-faith statement (Art. 16(2)(d) DSA) is required" }),
  })
  .strict();
export type NoticeCreate = z.infer<typeof NoticeCreate>;

/** Moves a notice on: submitted, confirmed, decided, redress — with what happened. */
export const NoticeTransition = z.discriminatedUnion("to", [
  z
    .object({
      to: z.literal("submitted"),
      at: z.iso.datetime({ offset: true }),
      /** How it went out: the platform's form, e-mail, … */
      via: z.string().trim().min(1).max(200),
    })
    .strict(),
  z
    .object({
      to: z.literal("confirmed"),
      at: z.iso.datetime({ offset: true }),
      /** The platform's reference number. */
      reference: z.string().trim().max(200).default(""),
    })
    .strict(),
  z
    .object({
      to: z.literal("decided"),
      at: z.iso.datetime({ offset: true }),
      decision: z.enum(["removed", "disabled", "restricted", "no_action"]),
      /** The platform's statement of reasons (Art. 17). */
      statement: z.string().max(10_000).default(""),
    })
    .strict(),
  z
    .object({
      to: z.literal("redress"),
      at: z.iso.datetime({ offset: true }),
      /** Art. 20 internal complaint, Art. 21 out-of-court settlement, or court. */
      path: z.enum(["internal_complaint", "out_of_court", "court"]),
      note: z.string().max(5000).default(""),
    })
    .strict(),
]);
export type NoticeTransition = z.infer<typeof NoticeTransition>;

/** Art. 22: the case handed to a trusted flagger. */
export const NoticeFlaggerHandover = z
  .object({ name: z.string().trim().min(1).max(200), at: z.iso.datetime({ offset: true }) })
  .strict();

export const NoticeRead = z.object({
  id: z.string(),
  platform: z.string(),
  urls: z.array(z.string()),
  reasons: z.string(),
  law: z.string(),
  notifierName: z.string(),
  notifierEmail: z.string(),
  goodFaith: z.boolean(),
  state: z.enum(noticeStates),
  nextStates: z.array(z.enum(noticeStates)),
  progress: z.record(z.string(), z.unknown()),
  trustedFlagger: z.object({ name: z.string(), handedAt: z.string() }).nullable(),
  /** The generated notice text. */
  text: Bilingual,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NoticeRead = z.infer<typeof NoticeRead>;
export const NoticeList = z.object({ items: z.array(NoticeRead) });

/** Edits a draft notice (drafts opened by a playbook are completed here before submitting). */
export const NoticeUpdate = z
  .object({
    platform: z.string().trim().min(1).max(200).optional(),
    urls: z.array(Url).min(1).max(50).optional(),
    reasons: z.string().trim().min(1).max(10_000).optional(),
    law: z.string().trim().min(1).max(500).optional(),
    notifierName: z.string().trim().min(1).max(200).optional(),
    notifierEmail: z.email().max(320).optional(),
    goodFaith: z.boolean().optional(),
  })
  .strict();
export type NoticeUpdate = z.infer<typeof NoticeUpdate>;
