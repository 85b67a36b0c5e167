import { z } from "zod";
import { riskCategories } from "../core/risk/risk.types.ts";
import { PostRead } from "../posts/posts.schema.ts";

/** The longest period one report covers. */
export const maxReportDays = 92;

/**
 * Query string of `GET /api/reports/summary`: the period [from, to), at most {@link maxReportDays} days; without
 * either end, the seven days up to now; with one end, the seven days from or up to it.
 */
export const ReportQuery = z.object({
  /** Start of the period (ISO 8601, inclusive). */
  from: z.coerce.date().optional(),
  /** End of the period (ISO 8601, exclusive). */
  to: z.coerce.date().optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** A figure of the period beside the same figure of the period of equal length just before it. */
export const Compared = z.object({
  current: z.number().int(),
  previous: z.number().int(),
});
export type Compared = z.infer<typeof Compared>;

const Period = z.object({
  /** ISO 8601, inclusive. */
  from: z.string(),
  /** ISO 8601, exclusive. */
  to: z.string(),
});

/** Something that changed notably between the two periods, said in both languages of the app. */
export const ReportHighlight = z.object({
  /** What it is about: `mentions`, `authors`, a risk category, `topic`, `alerts`, `incidents`, `breaches`. */
  subject: z.string(),
  /** `up` (more than before) or `down`; whether that is good depends on the subject. */
  direction: z.enum(["up", "down"]),
  /** Whether a team should look at it (more risk, more breaches), not only take note. */
  concern: z.boolean(),
  de: z.string(),
  en: z.string(),
});
export type ReportHighlight = z.infer<typeof ReportHighlight>;

/** Response-time figures of the conversations whose first post fell into the period, in business minutes. */
const ReportResponse = z.object({
  conversations: Compared,
  /** Median and 90th percentile of the first response; null without any. */
  firstResponseMedian: z.number().nullable(),
  firstResponseP90: z.number().nullable(),
  previousFirstResponseMedian: z.number().nullable(),
  /** Service-level targets missed in the period (first response and resolution counted separately). */
  breaches: Compared,
});

/**
 * The situation report of a period ("Lagebericht"): mentions, voices, risks and chances, topics, platforms and
 * languages, each beside the period just before; the posts to look at first; alerts, incidents and response
 * times; and the notable changes in words.
 */
export const Report = z.object({
  period: Period,
  /** The period of equal length just before, for comparison. */
  previous: Period,
  mentions: Compared,
  /** Distinct authors. */
  authors: Compared,
  /** Posts the risk engine flagged, per category (every category, also those at 0). */
  flagged: z.array(Compared.extend({ category: z.enum(riskCategories) })),
  /** Posts per tracked topic, and how many of them were critical (negative, toxic, complaint, hate, threat). */
  topics: z.array(
    Compared.extend({
      topicId: z.string(),
      name: z.string(),
      critical: Compared,
    }),
  ),
  platforms: z.array(Compared.extend({ key: z.string() })),
  languages: z.array(Compared.extend({ key: z.string() })),
  /** The period's posts with the highest priority, most important first (at most 10). */
  topPosts: z.array(PostRead),
  alerts: z.object({
    raised: Compared,
    critical: Compared,
    /** Alerts of the period that nobody has acknowledged or resolved yet. */
    stillOpen: z.number().int(),
  }),
  incidents: z.object({
    opened: Compared,
    closed: Compared,
    /** Incidents open now (not only those of the period). */
    openNow: z.number().int(),
  }),
  response: ReportResponse,
  highlights: z.array(ReportHighlight),
});
export type Report = z.infer<typeof Report>;
