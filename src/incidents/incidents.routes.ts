import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import type { App } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { IncidentCreate, IncidentList, IncidentRead, IncidentUpdate } from "./incidents.schema.ts";
import * as incidents from "./incidents.service.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Incidents opened by hand (alerts open them automatically in a later stage). */
export function registerIncidentRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/incidents",
    {
      schema: {
        operationId: "listIncidents",
        tags: ["incidents"],
        summary: "Incidents, active first",
        response: { 200: IncidentList, ...problemResponses },
      },
    },
    async (request) => ({ items: await incidents.listIncidents(ctx, requireActor(request)) }),
  );

  app.get(
    "/api/incidents/:id",
    {
      schema: {
        operationId: "getIncident",
        tags: ["incidents"],
        summary: "One incident",
        params: IdParams,
        response: { 200: IncidentRead, ...problemResponses },
      },
    },
    async (request) => incidents.getIncident(ctx, requireActor(request), request.params.id),
  );

  app.post(
    "/api/incidents",
    {
      schema: {
        operationId: "openIncident",
        tags: ["incidents"],
        summary: "Open an incident by hand",
        body: IncidentCreate,
        response: { 201: IncidentRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await incidents.openIncident(ctx, requireActor(request), request.body)),
  );

  app.patch(
    "/api/incidents/:id",
    {
      schema: {
        operationId: "updateIncident",
        tags: ["incidents"],
        summary: "Change an incident's title, severity, status or description",
        params: IdParams,
        body: IncidentUpdate,
        response: { 200: IncidentRead, ...problemResponses },
      },
    },
    async (request) => incidents.updateIncident(ctx, requireActor(request), request.params.id, request.body),
  );
}
