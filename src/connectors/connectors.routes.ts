import { z } from "zod";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { IngestResult } from "../posts/posts.schema.ts";
import {
  ConnectorCreate,
  ConnectorKindList,
  ConnectorList,
  ConnectorRead,
  ConnectorRunResult,
  ConnectorUpdate,
} from "./connectors.schema.ts";
import * as connectors from "./connectors.service.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Connectors: the kinds on offer, the organisation's instances with their health, and the incoming webhook. */
export function registerConnectorRoutes(
  app: App,
  { ctx, connectorPolicy, metrics }: Pick<AppOptions, "ctx" | "connectorPolicy" | "metrics">,
) {
  app.get(
    "/api/connector-kinds",
    {
      schema: {
        operationId: "listConnectorKinds",
        tags: ["connectors"],
        summary: "The connector kinds this installation offers, with their settings as JSON Schema",
        response: { 200: ConnectorKindList, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: connectors.listKinds() };
    },
  );

  app.get(
    "/api/connectors",
    {
      schema: {
        operationId: "listConnectors",
        tags: ["connectors"],
        summary: "The organisation's connectors with their health (secrets are never returned)",
        response: { 200: ConnectorList, ...problemResponses },
      },
    },
    async (request) => ({ items: await connectors.listConnectors(ctx, requireActor(request)) }),
  );

  app.post(
    "/api/connectors",
    {
      schema: {
        operationId: "createConnector",
        tags: ["connectors"],
        summary: "Add a connector; its settings are checked and its secrets sealed (AES-256-GCM)",
        body: ConnectorCreate,
        response: { 201: ConnectorRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await connectors.createConnector(ctx, requireActor(request), request.body)),
  );

  app.patch(
    "/api/connectors/:id",
    {
      schema: {
        operationId: "updateConnector",
        tags: ["connectors"],
        summary: "Rename, pause, resume or reconfigure a connector; new secrets replace the old ones",
        params: IdParams,
        body: ConnectorUpdate,
        response: { 200: ConnectorRead, ...problemResponses },
      },
    },
    async (request) =>
      connectors.updateConnector(ctx, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/api/connectors/:id",
    {
      schema: {
        operationId: "deleteConnector",
        tags: ["connectors"],
        summary: "Delete a connector (the posts it brought stay)",
        params: IdParams,
        response: { 204: z.null().describe("Deleted"), ...problemResponses },
      },
    },
    async (request, reply) => {
      await connectors.deleteConnector(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/connectors/:id/poll",
    {
      schema: {
        operationId: "pollConnector",
        tags: ["connectors"],
        summary: "Poll a connector now and report how it went",
        params: IdParams,
        response: { 200: ConnectorRunResult, ...problemResponses },
      },
    },
    async (request) =>
      connectors.pollNow(ctx, requireActor(request), request.params.id, { policy: connectorPolicy, metrics }),
  );

  // The incoming webhook checks its HMAC over the body exactly as sent, so this route keeps the raw text.
  app.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser(
      "application/json",
      { parseAs: "string", bodyLimit: 10 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider().post(
      "/api/connectors/:id/webhook",
      {
        schema: {
          operationId: "receiveWebhook",
          tags: ["connectors"],
          summary: "Receive posts pushed by another system, signed with the connector's secret",
          description:
            "Headers X-Brandwache-Timestamp (Unix seconds) and X-Brandwache-Signature: v1=hex(HMAC-SHA256(secret, `<timestamp>.<raw body>`)). Body { posts: [...] } as for POST /api/posts.",
          params: IdParams,
          security: [],
          response: { 202: IngestResult, ...problemResponses },
        },
      },
      async (request, reply) => {
        const header = (name: string) => {
          const value = request.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        const result = await connectors.receiveWebhook(
          ctx,
          (request.params as { id: string }).id,
          { timestamp: header("x-brandwache-timestamp"), signature: header("x-brandwache-signature") },
          typeof request.body === "string" ? request.body : "",
        );
        metrics.postsIngested.inc({ source: "webhook" }, result.accepted);
        metrics.ingestRejected.inc(result.rejected);
        return reply.code(202).send(result);
      },
    );
  });
}
