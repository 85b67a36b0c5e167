import { z } from "zod";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { forbidden } from "../platform/http/errors.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { canWriteDrafts } from "./publishing.policy.ts";
import { checkDraftText, readPublishingRules, savePublishingRules } from "./publishing.rules.ts";
import {
  CheckBody,
  CheckRead,
  DraftApprove,
  DraftCreate,
  DraftList,
  DraftListQuery,
  DraftMarkSent,
  DraftRead,
  DraftReject,
  DraftUpdate,
  DraftVersionBody,
  PublishingAccountList,
  PublishingRulesBody,
  PublishingRulesRead,
} from "./publishing.schema.ts";
import * as drafts from "./publishing.service.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Drafts of replies and posts, their check, four-eyes approval and sending; the publishing rules. */
export function registerPublishingRoutes(
  app: App,
  { ctx, risk, connectorPolicy }: Pick<AppOptions, "ctx" | "risk" | "connectorPolicy">,
): void {
  const deps = { risk, policy: connectorPolicy };

  app.get(
    "/api/drafts",
    {
      schema: {
        operationId: "listDrafts",
        tags: ["publishing"],
        summary: "Drafts of replies and posts: of a conversation, by state, mine, or waiting for my approval",
        querystring: DraftListQuery,
        response: { 200: DraftList, ...problemResponses },
      },
    },
    async (request) => ({ items: await drafts.listDrafts(ctx, requireActor(request), request.query) }),
  );

  app.post(
    "/api/drafts",
    {
      schema: {
        operationId: "createDraft",
        tags: ["publishing"],
        summary: "Write a reply in a conversation or a new post; it is checked at once",
        body: DraftCreate,
        response: { 201: DraftRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await drafts.createDraft(ctx, deps, requireActor(request), request.body)),
  );

  app.post(
    "/api/drafts/check",
    {
      schema: {
        operationId: "checkDraft",
        tags: ["publishing"],
        summary: "The pre-publication check of a text, without saving it (the live check while typing)",
        description: "Span offsets are UTF-16 code units (JavaScript string indices) into the text.",
        body: CheckBody,
        response: { 200: CheckRead, ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!canWriteDrafts(actor)) throw forbidden("check replies and posts");
      const { text, lang, connectorId } = request.body;
      return checkDraftText(ctx, risk, actor.orgId, text, lang, connectorId);
    },
  );

  app.get(
    "/api/drafts/pending-count",
    {
      schema: {
        operationId: "countPendingApprovals",
        tags: ["publishing"],
        summary: "How many drafts wait for my approval",
        response: { 200: z.object({ count: z.number().int() }), ...problemResponses },
      },
    },
    async (request) => ({ count: await drafts.pendingApprovalCount(ctx, requireActor(request)) }),
  );

  app.get(
    "/api/drafts/:id",
    {
      schema: {
        operationId: "getDraft",
        tags: ["publishing"],
        summary: "One draft with its check, approval and sending state",
        params: IdParams,
        response: { 200: DraftRead, ...problemResponses },
      },
    },
    async (request) => drafts.getDraft(ctx, requireActor(request), request.params.id),
  );

  app.patch(
    "/api/drafts/:id",
    {
      schema: {
        operationId: "updateDraft",
        tags: ["publishing"],
        summary: "Change a draft; the check runs again and an approval is dropped",
        params: IdParams,
        body: DraftUpdate,
        response: { 200: DraftRead, ...problemResponses },
      },
    },
    async (request) => drafts.updateDraft(ctx, deps, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/api/drafts/:id/submit",
    {
      schema: {
        operationId: "submitDraft",
        tags: ["publishing"],
        summary: "Submit a draft: sent at once, or held for a second person's approval",
        params: IdParams,
        body: DraftVersionBody,
        response: { 200: DraftRead, ...problemResponses },
      },
    },
    async (request) =>
      drafts.submitDraft(ctx, deps, requireActor(request), request.params.id, request.body.version),
  );

  app.post(
    "/api/drafts/:id/approve",
    {
      schema: {
        operationId: "approveDraft",
        tags: ["publishing"],
        summary: "Approve a held draft (managers and admins, never its author) and send it",
        params: IdParams,
        body: DraftApprove,
        response: { 200: DraftRead, ...problemResponses },
      },
    },
    async (request) => drafts.approveDraft(ctx, deps, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/api/drafts/:id/reject",
    {
      schema: {
        operationId: "rejectDraft",
        tags: ["publishing"],
        summary: "Reject a held draft with a reason (managers and admins, never its author)",
        params: IdParams,
        body: DraftReject,
        response: { 200: DraftRead, ...problemResponses },
      },
    },
    async (request) => drafts.rejectDraft(ctx, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/api/drafts/:id/send",
    {
      schema: {
        operationId: "sendDraft",
        tags: ["publishing"],
        summary: "Send an approved or failed draft again; a sent draft is never sent twice",
        params: IdParams,
        body: DraftVersionBody,
        response: { 200: DraftRead, ...problemResponses },
      },
    },
    async (request) =>
      drafts.retrySend(ctx, deps, requireActor(request), request.params.id, request.body.version),
  );

  app.post(
    "/api/drafts/:id/mark-sent",
    {
      schema: {
        operationId: "markDraftSent",
        tags: ["publishing"],
        summary: "Record that a draft without a publishing connector was posted by hand",
        params: IdParams,
        body: DraftMarkSent,
        response: { 200: DraftRead, ...problemResponses },
      },
    },
    async (request) => drafts.markDraftSent(ctx, requireActor(request), request.params.id, request.body),
  );

  app.get(
    "/api/publishing/accounts",
    {
      schema: {
        operationId: "listPublishingAccounts",
        tags: ["publishing"],
        summary: "The connectors drafts can be sent through, and whether each can publish",
        response: { 200: PublishingAccountList, ...problemResponses },
      },
    },
    async (request) => ({ items: await drafts.publishingAccounts(ctx, requireActor(request)) }),
  );

  app.get(
    "/api/publishing/rules",
    {
      schema: {
        operationId: "getPublishingRules",
        tags: ["publishing"],
        summary:
          "Blocked phrases, phrases that need legal approval, the approval threshold and staffed hours",
        response: { 200: PublishingRulesRead, ...problemResponses },
      },
    },
    async (request) => readPublishingRules(ctx, requireActor(request)),
  );

  app.put(
    "/api/publishing/rules",
    {
      schema: {
        operationId: "savePublishingRules",
        tags: ["publishing"],
        summary: "Replace the publishing rules (managers and admins)",
        body: PublishingRulesBody,
        response: { 200: PublishingRulesRead, ...problemResponses },
      },
    },
    async (request) => savePublishingRules(ctx, requireActor(request), request.body),
  );
}
