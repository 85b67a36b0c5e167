import { z } from "zod";
import { riskCategories } from "../core/risk/risk.types.ts";

const name = z.string().trim().min(1).max(200);

/** What the risk engine knows about the organisation: who it is, what is official, what must not leak. */
export const RiskProfile = z
  .object({
    /** Brand and company names as people write them, e.g. "Nordwind", "Nordwind Mobil". */
    brandNames: z.array(name).max(50).default([]),
    /** The organisation's own domains; lookalikes of these are flagged, these never are. */
    domains: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, "a domain like example.de"),
      )
      .max(50)
      .default([]),
    /** Official accounts (the registry): never impersonators themselves. */
    officialAccounts: z
      .array(
        z
          .object({
            /** Platform, or absent for any platform. */
            platform: z.string().max(40).optional(),
            /** Handle without the leading @. */
            handle: z
              .string()
              .trim()
              .max(200)
              .transform((h) => h.replace(/^@/, ""))
              .pipe(z.string().min(1)),
            displayName: z.string().max(200).optional(),
          })
          .strict(),
      )
      .max(200)
      .default([]),
    /** Executives and spokespeople whose names impersonators and defamers use. */
    executives: z.array(name).max(100).default([]),
    /** Code names, unreleased products, internal host names that must not appear in public. */
    watchlist: z.array(name).max(500).default([]),
  })
  .strict();
export type RiskProfile = z.infer<typeof RiskProfile>;

/** The risk profile as the API returns it (already normalised, so no transforms). */
export const RiskProfileRead = z.object({
  brandNames: z.array(z.string()),
  domains: z.array(z.string()),
  officialAccounts: z.array(
    z.object({ platform: z.string().optional(), handle: z.string(), displayName: z.string().optional() }),
  ),
  executives: z.array(z.string()),
  watchlist: z.array(z.string()),
});

/** One category's verdict as the API returns it. */
export const RiskResultRead = z.object({
  score: z.number(),
  flagged: z.boolean(),
  spans: z.array(
    z.object({
      start: z.number().int(),
      end: z.number().int(),
      reason: z.string(),
      detail: z.string().optional(),
    }),
  ),
});

/** The verdict on one text: language, priority and every category. */
export const AnalysisRead = z.object({
  id: z.string().optional(),
  lang: z.enum(["de", "en", "other"]),
  priority: z.number(),
  risks: z.record(z.enum(riskCategories), RiskResultRead),
});
export type AnalysisRead = z.infer<typeof AnalysisRead>;

/** One text to analyse, as `POST /api/analyze` and `brandwache analyze` take it. */
export const AnalyzeItem = z
  .object({
    /** Your id, echoed in the answer. */
    id: z.string().max(300).optional(),
    /** The text, up to 1 MB. */
    text: z.string().max(1_000_000),
    /** The author, for impersonation checks. */
    author: z
      .object({
        handle: z.string().max(200),
        displayName: z.string().max(200).optional(),
        platform: z.string().max(40).optional(),
      })
      .optional(),
    /** Language if known; detected otherwise. */
    lang: z.enum(["de", "en", "other"]).optional(),
    /** `outgoing` checks our own draft before it is published (stricter on leaks and wording). */
    direction: z.enum(["incoming", "outgoing"]).optional(),
  })
  .strict();
export type AnalyzeItem = z.infer<typeof AnalyzeItem>;

/** Body of `POST /api/analyze`. */
export const AnalyzeBody = z.object({ items: z.array(AnalyzeItem).min(1).max(1000) });
export const AnalyzeResult = z.object({ items: z.array(AnalysisRead) });

/** Imported block lists and their sizes. */
export const BlockLists = z.object({
  items: z.array(z.object({ list: z.string(), hosts: z.number().int() })),
});
export type BlockLists = z.infer<typeof BlockLists>;

/** What an import did: hosts new to the organisation's lists, of the distinct hosts read from the upload. */
export const BlockListImported = z.object({ added: z.number().int(), total: z.number().int() });
export type BlockListImported = z.infer<typeof BlockListImported>;
