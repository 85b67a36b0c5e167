import { z } from "zod";
import { StakeholderGroup } from "../core/scenario/scenario.schema.ts";
import { Platform } from "../posts/posts.schema.ts";

export { StakeholderGroup };

/** Whether a stakeholder tends to be on the organisation's side. */
export const Stance = z.enum(["friend", "neutral", "foe", "unknown"]);
export type Stance = z.infer<typeof Stance>;

/** A known account on the stakeholder map. */
export const StakeholderAccountCreate = z
  .object({
    platform: Platform,
    /** The handle, with or without the leading @. */
    handle: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .transform((h) => h.replace(/^@/u, "").toLowerCase())
      .pipe(z.string().regex(/^[\p{L}\p{N}_.-]+$/u, "letters, digits, _ . - only")),
    group: StakeholderGroup,
    stance: Stance.default("unknown"),
    /** 1 (little) … 5 (very influential). */
    influence: z.number().int().min(1).max(5).default(3),
    /** Who it is ("Hanse-Kurier, Lokalredaktion"). */
    name: z.string().trim().max(200).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();
export type StakeholderAccountCreate = z.infer<typeof StakeholderAccountCreate>;

/** Changes to an account on the map. */
export const StakeholderAccountUpdate = z
  .object({
    group: StakeholderGroup.optional(),
    stance: Stance.optional(),
    influence: z.number().int().min(1).max(5).optional(),
    name: z.string().trim().max(200).nullable().optional(),
    note: z.string().max(2000).nullable().optional(),
  })
  .strict();
export type StakeholderAccountUpdate = z.infer<typeof StakeholderAccountUpdate>;

/** An account on the map as the API returns it, with what it did lately. */
export const StakeholderAccountRead = z.object({
  id: z.string(),
  platform: z.string(),
  handle: z.string(),
  group: StakeholderGroup,
  stance: Stance,
  influence: z.number().int(),
  name: z.string().nullable(),
  note: z.string().nullable(),
  /** Posts of this account in the last 7 days, and their critical share (negative, toxic, complaint …). */
  posts7d: z.number().int(),
  critical7d: z.number().int(),
  /** Followers as last seen on a post; null when it never posted here. */
  followers: z.number().nullable(),
  lastPostAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StakeholderAccountRead = z.infer<typeof StakeholderAccountRead>;

export const StakeholderAccountList = z.object({ items: z.array(StakeholderAccountRead) });
