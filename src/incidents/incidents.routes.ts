import { z } from "zod";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import {
  AttachPosts,
  IncidentCreate,
  IncidentFigures,
  IncidentList,
  IncidentNoteCreate,
  IncidentPostList,
  IncidentRead,
  IncidentRoleList,
  IncidentRolesUpdate,
  IncidentSettings,
  IncidentSuggestion,
  IncidentSuggestionQuery,
  IncidentTimeline,
  IncidentUpdate,
  StatusTemplateList,
  StatusUpdateCreate,
} from "./incidents.schema.ts";
import * as incidents from "./incidents.service.ts";
import * as updates from "./incidents.updates.ts";
import { registerIncidentWorkRoutes } from "./incidents.work.routes.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });
const tags = ["incidents"];

/** Incidents: open (by hand or from an alert, post or conversation), change, roles, posts, timeline, settings. */
export function registerIncidentRoutes(app: App, opts: AppOptions) {
  const { ctx, escalation } = opts;
  const deps = { escalation };
  app.get(
    "/api/incidents",
    {
      schema: {
        operationId: "listIncidents",
        tags,
        summary: "Incidents, active first",
        response: { 200: IncidentList, ...problemResponses },
      },
    },
    async (request) => ({ items: await incidents.listIncidents(ctx, requireActor(request)) }),
  );

  app.get(
    "/api/incidents/suggestion",
    {
      schema: {
        operationId: "suggestIncident",
        tags,
        summary: "Title and severity (from the topic's escalation level) to prefill for a source",
        querystring: IncidentSuggestionQuery,
        response: { 200: IncidentSuggestion, ...problemResponses },
      },
    },
    async (request) => {
      const { lang, ...source } = request.query;
      return incidents.suggestIncident(ctx, deps, requireActor(request), source, lang);
    },
  );

  app.get(
    "/api/incident-figures",
    {
      schema: {
        operationId: "incidentFigures",
        tags,
        summary: "Open incidents by severity, the oldest, overdue tasks and the legal clocks due soonest",
        response: { 200: IncidentFigures, ...problemResponses },
      },
    },
    async (request) => updates.incidentFigures(ctx, requireActor(request)),
  );

  app.get(
    "/api/incident-settings",
    {
      schema: {
        operationId: "getIncidentSettings",
        tags,
        summary: "The organisation's incident settings",
        response: { 200: IncidentSettings, ...problemResponses },
      },
    },
    async (request) => incidents.getSettings(ctx, requireActor(request)),
  );

  app.put(
    "/api/incident-settings",
    {
      schema: {
        operationId: "saveIncidentSettings",
        tags,
        summary: "Save the organisation's incident settings (managers and admins)",
        body: IncidentSettings,
        response: { 200: IncidentSettings, ...problemResponses },
      },
    },
    async (request) => incidents.saveSettings(ctx, requireActor(request), request.body),
  );

  app.get(
    "/api/incident-status-templates",
    {
      schema: {
        operationId: "listStatusTemplates",
        tags,
        summary: "Templates for internal status updates",
        response: { 200: StatusTemplateList, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: updates.listStatusTemplates() };
    },
  );

  app.get(
    "/api/incidents/:id",
    {
      schema: {
        operationId: "getIncident",
        tags,
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
        tags,
        summary: "Open an incident by hand or from an alert, a post or an inbox conversation",
        body: IncidentCreate,
        response: { 201: IncidentRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await incidents.openIncident(ctx, requireActor(request), request.body, deps)),
  );

  app.patch(
    "/api/incidents/:id",
    {
      schema: {
        operationId: "updateIncident",
        tags,
        summary:
          "Change an incident's title, severity, status, description or review (closing drafts the review)",
        params: IdParams,
        body: IncidentUpdate,
        response: { 200: IncidentRead, ...problemResponses },
      },
    },
    async (request) => incidents.updateIncident(ctx, requireActor(request), request.params.id, request.body),
  );

  app.get(
    "/api/incidents/:id/roles",
    {
      schema: {
        operationId: "listIncidentRoles",
        tags,
        summary: "Who holds the incident's roles",
        params: IdParams,
        response: { 200: IncidentRoleList, ...problemResponses },
      },
    },
    async (request) => ({ items: await incidents.listRoles(ctx, requireActor(request), request.params.id) }),
  );

  app.put(
    "/api/incidents/:id/roles",
    {
      schema: {
        operationId: "assignIncidentRoles",
        tags,
        summary: "Assign or free incident roles (members of the organisation)",
        params: IdParams,
        body: IncidentRolesUpdate,
        response: { 200: IncidentRoleList, ...problemResponses },
      },
    },
    async (request) => ({
      items: await incidents.assignRoles(ctx, requireActor(request), request.params.id, request.body),
    }),
  );

  app.get(
    "/api/incidents/:id/posts",
    {
      schema: {
        operationId: "listIncidentPosts",
        tags,
        summary: "Posts attached to an incident",
        params: IdParams,
        response: { 200: IncidentPostList, ...problemResponses },
      },
    },
    async (request) => ({
      items: await incidents.listAttachedPosts(ctx, requireActor(request), request.params.id),
    }),
  );

  app.post(
    "/api/incidents/:id/posts",
    {
      schema: {
        operationId: "attachIncidentPosts",
        tags,
        summary: "Attach posts to an incident",
        params: IdParams,
        body: AttachPosts,
        response: { 200: IncidentPostList, ...problemResponses },
      },
    },
    async (request) => ({
      items: await incidents.attachPosts(ctx, requireActor(request), request.params.id, request.body.postIds),
    }),
  );

  app.get(
    "/api/incidents/:id/timeline",
    {
      schema: {
        operationId: "incidentTimeline",
        tags,
        summary: "The incident's timeline, oldest first",
        params: IdParams,
        response: { 200: IncidentTimeline, ...problemResponses },
      },
    },
    async (request) => ({ items: await updates.timelineOf(ctx, requireActor(request), request.params.id) }),
  );

  app.post(
    "/api/incidents/:id/notes",
    {
      schema: {
        operationId: "addIncidentNote",
        tags,
        summary: "Write a note on the timeline by hand",
        params: IdParams,
        body: IncidentNoteCreate,
        response: { 201: IncidentTimeline, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ items: await updates.addNote(ctx, requireActor(request), request.params.id, request.body) }),
  );

  app.post(
    "/api/incidents/:id/status-updates",
    {
      schema: {
        operationId: "postIncidentStatusUpdate",
        tags,
        summary: "Post an internal status update from a template on the timeline",
        params: IdParams,
        body: StatusUpdateCreate,
        response: { 201: z.object({ de: z.string(), en: z.string() }), ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await updates.postStatusUpdate(ctx, requireActor(request), request.params.id, request.body)),
  );

  registerIncidentWorkRoutes(app, opts);
}
