import { z } from "zod";
import { findingCodes } from "../core/publishing/check.ts";

const Bilingual = z.object({ de: z.string(), en: z.string() });
const id = z.string().min(1).max(100);
const draftText = z.string().trim().min(1, "write the text").max(10_000);
/** The version of the draft the request was made for (the ETag of the draft as shown). */
const version = z.number().int().min(1);

/** Where a draft stands; `sending` only while a send is under way. */
export const DraftState = z.enum([
  "draft",
  "pending_approval",
  "approved",
  "sending",
  "sent",
  "failed",
  "rejected",
]);
export type DraftState = z.infer<typeof DraftState>;

/** Languages of outgoing texts. */
export const DraftLang = z.enum(["de", "en", "other"]);

/** One finding of the pre-publication check, with the stretches of the text it is about. */
export const FindingRead = z.object({
  code: z.enum(findingCodes),
  category: z.enum(["data_leak", "wording", "link", "organisation_rule", "staffed_hours", "platform_limit"]),
  severity: z.enum(["info", "warning", "block"]),
  message: Bilingual,
  /** UTF-16 offsets into the text (JavaScript string indices); end exclusive. */
  spans: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});

/** The verdict of the pre-publication check. */
export const CheckRead = z.object({
  findings: z.array(FindingRead),
  /** 0..1: the highest risk score of the outgoing categories. */
  score: z.number(),
  /** A second person (manager or higher) must approve before it is sent. */
  needsApproval: z.boolean(),
  /** A finding must be fixed first. */
  blocked: z.boolean(),
  /** The organisation's threshold the score was compared with. */
  threshold: z.number(),
});
export type CheckRead = z.infer<typeof CheckRead>;

/** Body of `POST /api/drafts/check`: the live check as one types. */
export const CheckBody = z
  .object({
    text: z.string().max(10_000),
    lang: DraftLang.optional(),
    /** The connector it would go out through, for the platform's length limit. */
    connectorId: id.nullable().optional(),
  })
  .strict();

/** A new draft: a reply in an inbox conversation, or a new post. */
export const DraftCreate = z
  .object({
    kind: z.enum(["reply", "post"]),
    /** The inbox conversation (replies). */
    conversationId: id.optional(),
    /** The post answered (replies); the last post of the conversation when absent. */
    inReplyToPostId: id.optional(),
    /** The connector (account) that sends it; absent: sent by hand. */
    connectorId: id.nullable().optional(),
    text: draftText,
    lang: DraftLang.default("de"),
  })
  .strict()
  .superRefine((d, issue) => {
    if (d.kind === "reply" && !d.conversationId && !d.inReplyToPostId)
      issue.addIssue({
        code: "custom",
        path: ["conversationId"],
        message: "a reply needs its conversation or post",
      });
  });
export type DraftCreate = z.infer<typeof DraftCreate>;

/** Changes to a draft; every change runs the check again and drops an approval. */
export const DraftUpdate = z
  .object({
    version,
    text: draftText.optional(),
    lang: DraftLang.optional(),
    connectorId: id.nullable().optional(),
  })
  .strict();
export type DraftUpdate = z.infer<typeof DraftUpdate>;

/** Body of submit and send: the version the person saw. */
export const DraftVersionBody = z.object({ version }).strict();

/** Body of approve. */
export const DraftApprove = z
  .object({
    version,
    /** Why it may go out, for the audit log (optional). */
    comment: z.string().trim().max(1000).optional(),
  })
  .strict();

/** Body of reject. */
export const DraftReject = z
  .object({
    version,
    reason: z.string().trim().min(1, "give a reason").max(1000),
  })
  .strict();

/** Body of mark-sent (a draft sent by hand). */
export const DraftMarkSent = z
  .object({
    version,
    /** The link of the post as published, if at hand. */
    url: z
      .url({ protocol: /^https?$/u })
      .max(2000)
      .optional(),
  })
  .strict();

/** Filters of `GET /api/drafts`. */
export const DraftListQuery = z.object({
  /** Only the replies of this inbox conversation. */
  conversationId: id.optional(),
  /** Only drafts in these states, comma-separated, e.g. `failed` or `draft,pending_approval`. */
  status: z
    .string()
    .max(200)
    .optional()
    .refine((s) => !s || s.split(",").every((v) => DraftState.safeParse(v).success), {
      message: `comma-separated states of ${DraftState.options.join(", ")}`,
    }),
  /** Only my own drafts (`true`), or only others' (`false`). */
  mine: z.enum(["true", "false"]).optional(),
  /** Only drafts waiting for my approval: pending, not mine (and I may approve). */
  awaitingMe: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DraftListQuery = z.infer<typeof DraftListQuery>;

const Person = z.object({ label: z.string(), name: z.string().nullable() });

/** A draft as the API returns it. */
export const DraftRead = z.object({
  id: z.string(),
  kind: z.enum(["reply", "post"]),
  conversationId: z.string().nullable(),
  inReplyToPostId: z.string().nullable(),
  connectorId: z.string().nullable(),
  /** The connector's name and kind, and whether it can publish (false: send by hand). */
  connector: z.object({ name: z.string(), kind: z.string(), canPublish: z.boolean() }).nullable(),
  text: z.string(),
  lang: DraftLang,
  state: DraftState,
  version: z.number().int(),
  check: CheckRead,
  author: Person,
  /** Whether the caller wrote it (then they may not approve it). */
  mine: z.boolean(),
  /** Whether the caller may approve or reject it now, and if not, why not. */
  canApprove: z.boolean(),
  approveBlockedReason: Bilingual.nullable(),
  submittedAt: z.string().nullable(),
  approval: z
    .object({ by: Person, at: z.string(), comment: z.string().nullable(), version: z.number().int() })
    .nullable(),
  rejection: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
  /** No connector can publish it: copy the text, post it by hand and mark it sent. */
  sendByHand: z.boolean(),
  sentAt: z.string().nullable(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastErrorKind: z.string().nullable(),
  retryAfter: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DraftRead = z.infer<typeof DraftRead>;
export const DraftList = z.object({ items: z.array(DraftRead) });

/** The organisation's publishing rules. */
export const PublishingRulesBody = z
  .object({
    /** Phrases that must never go out (the draft is blocked); `*` at the end matches any ending. */
    blockedPhrases: z.array(z.string().trim().min(1).max(200)).max(500),
    /** Promises only legal may make; a draft with one needs approval. */
    legalApprovalPhrases: z.array(z.string().trim().min(1).max(200)).max(500),
    /** From this risk score (0..1) a draft needs approval. */
    approvalThreshold: z.number().min(0).max(1),
    /** Whether drafts sent outside the staffed hours need approval. */
    outsideHoursNeedsApproval: z.boolean(),
    /** Every draft needs a second person's approval, whatever its score. */
    everyDraftNeedsApproval: z.boolean().default(false),
  })
  .strict();
export type PublishingRulesBody = z.infer<typeof PublishingRulesBody>;
export const PublishingRulesRead = PublishingRulesBody.extend({
  /** The built-in legal-approval phrases, to restore them. */
  defaultLegalApprovalPhrases: z.array(z.string()),
});

/** A connector a draft may be sent through. */
export const PublishingAccount = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  platform: z.string(),
  /** False: the platform or connector cannot publish; drafts are sent by hand. */
  canPublish: z.boolean(),
});
export const PublishingAccountList = z.object({ items: z.array(PublishingAccount) });
