import { z } from "zod";
import {
  findingSeverities,
  postureFindingCodes,
  postureGrades,
  twoFactorMethods,
} from "../core/accounts/posture.ts";
import { RiskCategory } from "../posts/posts.schema.ts";

export const TwoFactorMethod = z.enum(twoFactorMethods);
export type TwoFactorMethod = z.infer<typeof TwoFactorMethod>;
export const PostureGrade = z.enum(postureGrades);
export type PostureGrade = z.infer<typeof PostureGrade>;
export const PostureFindingCode = z.enum(postureFindingCodes);
export type PostureFindingCode = z.infer<typeof PostureFindingCode>;

const person = z.string().trim().min(1).max(200);
const day = z.string().date("a date like 2026-11-30");

/** Names an official account as the registry (Settings → Risk profile) holds it. */
const AccountKey = {
  /** Platform as in the registry; left out for an entry that covers every platform. */
  platform: z.string().trim().min(1).max(40).optional(),
  /** Handle, with or without the leading @. */
  handle: z
    .string()
    .trim()
    .max(200)
    .transform((h) => h.replace(/^@/u, ""))
    .pipe(z.string().min(1)),
};

/** What the team records about an official account's security (replaces what was there). */
export const AccountSecurityWrite = z
  .object({
    ...AccountKey,
    /** The person responsible for the account. */
    owner: person.nullable().default(null),
    /** The people who may post from it. */
    posters: z.array(person).max(50).default([]),
    twoFactor: TwoFactorMethod.default("unknown"),
    /** Recovery e-mail or phone, described ("it-security@…, team phone"). */
    recoveryContact: person.nullable().default(null),
    /** When the recovery contact was last checked to reach the team. */
    recoveryVerifiedOn: day.nullable().default(null),
    /** When sessions, connected apps and the people with access were last reviewed. */
    accessReviewedOn: day.nullable().default(null),
    /** Apps and tools that act on the account's behalf. */
    connectedApps: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    note: z.string().max(2000).nullable().default(null),
  })
  .strict();
export type AccountSecurityWrite = z.infer<typeof AccountSecurityWrite>;

/** The recorded security of an account as the API returns it. */
export const AccountSecurityRead = z.object({
  owner: z.string().nullable(),
  posters: z.array(z.string()),
  twoFactor: TwoFactorMethod,
  recoveryContact: z.string().nullable(),
  recoveryVerifiedOn: z.string().nullable(),
  accessReviewedOn: z.string().nullable(),
  connectedApps: z.array(z.string()),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type AccountSecurityRead = z.infer<typeof AccountSecurityRead>;

export const PostureFindingRead = z.object({
  code: PostureFindingCode,
  severity: z.enum(findingSeverities),
  /** Days since the last check, for findings about age. */
  days: z.number().int().optional(),
});
export type PostureFindingRead = z.infer<typeof PostureFindingRead>;

/** At most this many posts go with a lockdown, and as many takeover signals are listed per account. */
export const maxLockdownPosts = 100;

/** An own post flagged for something the organisation would never post. */
export const TakeoverSignalRead = z.object({
  postId: z.string(),
  postedAt: z.string(),
  categories: z.array(RiskCategory),
  excerpt: z.string(),
});

/** An official account with its security posture, its activity and any sign of a takeover. */
export const OfficialAccountRead = z.object({
  /** Stable key of the registry entry (`platform:handle`, `*:handle` for every platform). */
  key: z.string(),
  platform: z.string().nullable(),
  handle: z.string(),
  displayName: z.string().nullable(),
  /** Null until someone records it. */
  security: AccountSecurityRead.nullable(),
  posture: z.object({ grade: PostureGrade, findings: z.array(PostureFindingRead) }),
  activity: z.object({
    posts7d: z.number().int(),
    lastPostAt: z.string().nullable(),
    /** Followers as last seen on a post. */
    followers: z.number().nullable(),
  }),
  takeover: z.object({
    suspected: z.boolean(),
    /** The newest flagged posts, at most `maxLockdownPosts`, so that all of them can go with a lockdown. */
    signals: z.array(TakeoverSignalRead),
    burst: z.object({ lastHour: z.number().int(), usualMaxHour: z.number().int() }).nullable(),
  }),
});
export type OfficialAccountRead = z.infer<typeof OfficialAccountRead>;

/** An author the risk engine flagged for imitating the organisation's accounts or executives. */
export const LookalikeRead = z.object({
  platform: z.string(),
  handle: z.string(),
  displayName: z.string().nullable(),
  followers: z.number().nullable(),
  accountCreatedAt: z.string().nullable(),
  /** Flagged posts in the window, and the newest. */
  posts: z.number().int(),
  lastPostAt: z.string(),
  /** What it imitates, as the engine explained it (an official handle or an executive's name). */
  imitates: z.array(z.string()),
  /** Whether it is on the stakeholder map (the team has looked at it). */
  known: z.boolean(),
});
export type LookalikeRead = z.infer<typeof LookalikeRead>;

export const AccountsOverview = z.object({
  items: z.array(OfficialAccountRead),
  lookalikes: z.array(LookalikeRead),
  /** How far back activity (7 days) and lookalikes (30 days) reach. */
  windows: z.object({ activityDays: z.number().int(), lookalikeDays: z.number().int() }),
});
export type AccountsOverview = z.infer<typeof AccountsOverview>;

/** Starts the lockdown of an account that may be hacked: an incident with the `hacked_account` playbook. */
export const AccountLockdown = z
  .object({
    ...AccountKey,
    /** Language of the incident's texts. */
    lang: z.enum(["de", "en"]).default("de"),
    /** Posts to attach as evidence (the takeover signals the page showed). */
    postIds: z.array(z.string().min(1).max(100)).max(maxLockdownPosts).default([]),
  })
  .strict();
export type AccountLockdown = z.infer<typeof AccountLockdown>;

export const AccountLockdownResult = z.object({ incidentId: z.string(), playbookRunId: z.string() });
export type AccountLockdownResult = z.infer<typeof AccountLockdownResult>;
