import { z } from "zod";
import { parseHostList } from "../core/risk/detectors/host-list.ts";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import {
  AnalyzeBody,
  AnalyzeResult,
  BlockListImported,
  BlockLists,
  RiskProfile,
  RiskProfileRead,
} from "./risk.schema.ts";
import {
  analyzeTexts,
  getRiskProfile,
  importBlockedHosts,
  listBlockLists,
  saveRiskProfile,
} from "./risk.service.ts";

const BlockListUpload = z
  .object({
    /** Name of the list, e.g. `urlhaus-2026-11`; importing the same name again adds to it. */
    name: z.string().trim().min(1).max(100),
    /** The list as text: one host or URL per line, hosts-file lines and # comments allowed (max 20 MB). */
    content: z.string().max(20_000_000),
  })
  .strict();

/** The risk profile, block lists and on-demand analysis. */
export function registerRiskRoutes(app: App, { ctx, risk }: Pick<AppOptions, "ctx" | "risk">) {
  app.get(
    "/api/risk/profile",
    {
      schema: {
        operationId: "getRiskProfile",
        tags: ["risk"],
        summary:
          "The organisation's risk profile: brand names, domains, official accounts, executives, watchlist",
        response: { 200: RiskProfileRead, ...problemResponses },
      },
    },
    async (request) => getRiskProfile(ctx, requireActor(request).orgId),
  );

  app.put(
    "/api/risk/profile",
    {
      schema: {
        operationId: "saveRiskProfile",
        tags: ["risk"],
        summary: "Replace the risk profile (managers and admins)",
        body: RiskProfile,
        response: { 200: RiskProfileRead, ...problemResponses },
      },
    },
    async (request) => saveRiskProfile(ctx, requireActor(request), request.body),
  );

  app.get(
    "/api/risk/blocklists",
    {
      schema: {
        operationId: "listBlockLists",
        tags: ["risk"],
        summary: "Imported lists of known-bad hosts and their sizes",
        response: {
          200: BlockLists,
          ...problemResponses,
        },
      },
    },
    async (request) => ({ items: await listBlockLists(ctx, requireActor(request).orgId) }),
  );

  app.post(
    "/api/risk/blocklists",
    {
      bodyLimit: 25 * 1024 * 1024,
      schema: {
        operationId: "importBlockList",
        tags: ["risk"],
        summary: "Import a URLhaus/PhishTank-style list of known-bad hosts",
        body: BlockListUpload,
        response: {
          200: BlockListImported,
          ...problemResponses,
        },
      },
    },
    async (request) =>
      importBlockedHosts(ctx, requireActor(request), request.body.name, parseHostList(request.body.content)),
  );

  app.post(
    "/api/analyze",
    {
      schema: {
        operationId: "analyze",
        tags: ["risk"],
        summary: "Assess up to 1,000 texts for every risk and chance, with the organisation's profile",
        description: "Span offsets are UTF-16 code units (JavaScript string indices) into the text.",
        body: AnalyzeBody,
        response: { 200: AnalyzeResult, ...problemResponses },
      },
    },
    async (request) => ({ items: await analyzeTexts(requireActor(request), risk, request.body.items) }),
  );
}
