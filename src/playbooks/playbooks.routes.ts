import { z } from "zod";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import {
  PlaybookList,
  PlaybookRead,
  PlaybookRunCreate,
  PlaybookRunList,
  PlaybookRunRead,
  PlaybookVersionCreate,
  PlaybookVersionList,
} from "./playbooks.schema.ts";
import * as playbooks from "./playbooks.service.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });
const tags = ["playbooks"];

/** Playbooks (versioned, per risk) and running them on incidents. */
export function registerPlaybooksRoutes(app: App, { ctx }: Pick<AppOptions, "ctx">): void {
  app.get(
    "/api/playbooks",
    {
      schema: {
        operationId: "listPlaybooks",
        tags,
        summary: "The organisation's playbooks with their latest version",
        response: { 200: PlaybookList, ...problemResponses },
      },
    },
    async (request) => ({ items: await playbooks.listPlaybooks(ctx, requireActor(request)) }),
  );

  app.get(
    "/api/playbooks/:id",
    {
      schema: {
        operationId: "getPlaybook",
        tags,
        summary: "One playbook with its latest version",
        params: IdParams,
        response: { 200: PlaybookRead, ...problemResponses },
      },
    },
    async (request) => playbooks.getPlaybook(ctx, requireActor(request), request.params.id),
  );

  app.get(
    "/api/playbooks/:id/versions",
    {
      schema: {
        operationId: "listPlaybookVersions",
        tags,
        summary: "Every version of a playbook, newest first",
        params: IdParams,
        response: { 200: PlaybookVersionList, ...problemResponses },
      },
    },
    async (request) => ({
      items: await playbooks.listVersions(ctx, requireActor(request), request.params.id),
    }),
  );

  app.post(
    "/api/playbooks/:id/versions",
    {
      schema: {
        operationId: "createPlaybookVersion",
        tags,
        summary: "Save edited steps as a new version (managers and admins)",
        params: IdParams,
        body: PlaybookVersionCreate,
        response: { 201: PlaybookRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await playbooks.createVersion(ctx, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    "/api/incidents/:id/playbook-runs",
    {
      schema: {
        operationId: "listPlaybookRuns",
        tags,
        summary: "The playbooks run on an incident",
        params: IdParams,
        response: { 200: PlaybookRunList, ...problemResponses },
      },
    },
    async (request) => ({ items: await playbooks.listRuns(ctx, requireActor(request), request.params.id) }),
  );

  app.post(
    "/api/incidents/:id/playbook-runs",
    {
      schema: {
        operationId: "runPlaybook",
        tags,
        summary: "Run a playbook's latest version on an incident (tasks, clocks, notice drafts)",
        params: IdParams,
        body: PlaybookRunCreate,
        response: { 201: PlaybookRunRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await playbooks.runPlaybook(ctx, requireActor(request), request.params.id, request.body.playbookId),
        ),
  );
}
