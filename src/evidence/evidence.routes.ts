import { z } from "zod";
import { chromiumPathOf } from "../platform/env.ts";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { asBody, binaryBody } from "../platform/http/binary.ts";
import { forbidden } from "../platform/http/errors.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { buildEvidenceBundle } from "./evidence.bundle.ts";
import { zipBundle } from "./evidence.files.ts";
import { canExportEvidence } from "./evidence.policy.ts";
import {
  EvidenceCreate,
  EvidenceList,
  EvidenceQuery,
  EvidenceRead,
  EvidenceSettings,
  EvidenceSettingsRead,
  EvidenceUpdate,
} from "./evidence.schema.ts";
import * as evidence from "./evidence.service.ts";

/** The settings of the process that evidence reads (optional: tests and one-off commands leave them out). */

const IdParams = z.object({ id: z.string().min(1).max(100) });
const FileParams = IdParams.extend({
  /** One of the item's files. */
  name: z.enum(["snapshot.json", "post.png", "post.pdf", "timestamp.tsr"]),
});

/** Evidence: capture posts (snapshot, PNG, PDF, hashes, RFC 3161 timestamp), legal hold, settings, bundles. */
export function registerEvidenceRoutes(app: App, opts: AppOptions) {
  const { ctx } = opts;
  const { env } = opts;
  const options: evidence.EvidenceOptions = {
    chromiumPath: chromiumPathOf(env),
    tsaUrl: env.BRANDWACHE_TSA_URL ?? null,
    policy: opts.connectorPolicy,
  };

  app.post(
    "/api/evidence",
    {
      schema: {
        operationId: "captureEvidence",
        tags: ["evidence"],
        summary:
          "Capture a stored post as evidence (snapshot, PNG, PDF, hashes, optional RFC 3161 timestamp)",
        body: EvidenceCreate,
        response: { 201: EvidenceRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await evidence.captureEvidence(ctx, requireActor(request), request.body, options)),
  );

  app.get(
    "/api/evidence",
    {
      schema: {
        operationId: "listEvidence",
        tags: ["evidence"],
        summary: "Evidence items, newest first, optionally of one incident or post",
        querystring: EvidenceQuery,
        response: { 200: EvidenceList, ...problemResponses },
      },
    },
    async (request) => ({ items: await evidence.listEvidence(ctx, requireActor(request), request.query) }),
  );

  app.get(
    "/api/evidence/settings",
    {
      schema: {
        operationId: "getEvidenceSettings",
        tags: ["evidence"],
        summary: "The organisation's retention and time-stamping settings",
        response: { 200: EvidenceSettingsRead, ...problemResponses },
      },
    },
    async (request) => evidence.getEvidenceSettings(ctx, requireActor(request), options),
  );

  app.put(
    "/api/evidence/settings",
    {
      schema: {
        operationId: "updateEvidenceSettings",
        tags: ["evidence"],
        summary: "Change retention and the time-stamping authority (admins)",
        body: EvidenceSettings,
        response: { 200: EvidenceSettingsRead, ...problemResponses },
      },
    },
    async (request) => evidence.updateEvidenceSettings(ctx, requireActor(request), request.body, options),
  );

  app.get(
    "/api/evidence/:id",
    {
      schema: {
        operationId: "getEvidence",
        tags: ["evidence"],
        summary: "One evidence item with its files",
        params: IdParams,
        response: { 200: EvidenceRead, ...problemResponses },
      },
    },
    async (request) => evidence.getEvidence(ctx, requireActor(request), request.params.id),
  );

  app.get(
    "/api/evidence/:id/files/:name",
    {
      schema: {
        operationId: "downloadEvidenceFile",
        tags: ["evidence"],
        summary: "Download one file of an item (its SHA-256 in X-Content-SHA256)",
        params: FileParams,
        response: {
          200: {
            description: "The stored bytes, as an attachment",
            headers: z.object({
              "x-content-sha256": z.string().describe("Lower-case hex SHA-256 of the body"),
            }),
            content: {
              "application/json": { schema: binaryBody },
              "image/png": { schema: binaryBody },
              "application/pdf": { schema: binaryBody },
              "application/timestamp-reply": { schema: binaryBody },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await evidence.getEvidenceFile(
        ctx,
        requireActor(request),
        request.params.id,
        request.params.name,
      );
      return reply
        .type(file.mediaType)
        .header("content-disposition", `attachment; filename="evidence-${file.itemId}-${file.name}"`)
        .header("x-content-sha256", file.sha256)
        .send(asBody(file.bytes));
    },
  );

  app.patch(
    "/api/evidence/:id",
    {
      schema: {
        operationId: "updateEvidence",
        tags: ["evidence"],
        summary: "Put an item on legal hold or release it (managers; a reason is required)",
        params: IdParams,
        body: EvidenceUpdate,
        response: { 200: EvidenceRead, ...problemResponses },
      },
    },
    async (request) => evidence.setLegalHold(ctx, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/api/evidence/:id/render",
    {
      schema: {
        operationId: "renderEvidence",
        tags: ["evidence"],
        summary: "Render an item's PNG and PDF again from its stored snapshot",
        params: IdParams,
        response: { 200: EvidenceRead, ...problemResponses },
      },
    },
    async (request) => evidence.renderEvidenceAgain(ctx, requireActor(request), request.params.id, options),
  );

  app.get(
    "/api/incidents/:id/evidence-bundle",
    {
      schema: {
        operationId: "exportEvidenceBundle",
        tags: ["evidence"],
        summary:
          "The incident's evidence bundle as a .zip (items, timeline, audit log, summary PDF, manifest)",
        params: IdParams,
        response: {
          200: {
            description: "A .zip; check it with `brandwache evidence verify` after unpacking",
            content: { "application/zip": { schema: binaryBody } },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!canExportEvidence(actor)) throw forbidden("export evidence bundles");
      const { files } = await buildEvidenceBundle(ctx, actor.orgId, request.params.id);
      return reply
        .type("application/zip")
        .header("content-disposition", `attachment; filename="evidence-${request.params.id}.zip"`)
        .send(asBody(zipBundle(files)));
    },
  );
}
