import { z } from "zod";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import * as clocks from "./incidents.clocks.ts";
import * as notices from "./incidents.notices.ts";
import * as tasks from "./incidents.tasks.ts";
import {
  ClockCreate,
  ClockList,
  ClockRead,
  ClockUpdate,
  NoticeCreate,
  NoticeFlaggerHandover,
  NoticeList,
  NoticeRead,
  NoticeTransition,
  NoticeUpdate,
  TaskCreate,
  TaskList,
  TaskRead,
  TaskUpdate,
} from "./incidents.work.schema.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });
const SubParams = z.object({ id: z.string().min(1).max(100), itemId: z.string().min(1).max(100) });
const tags = ["incidents"];

/** The work on an incident: tasks, legal clocks and DSA notices. */
export function registerIncidentWorkRoutes(app: App, { ctx }: Pick<AppOptions, "ctx">) {
  app.get(
    "/api/incidents/:id/tasks",
    {
      schema: {
        operationId: "listIncidentTasks",
        tags,
        summary: "The incident's tasks, by due time",
        params: IdParams,
        response: { 200: TaskList, ...problemResponses },
      },
    },
    async (request) => ({ items: await tasks.listTasks(ctx, requireActor(request), request.params.id) }),
  );

  app.post(
    "/api/incidents/:id/tasks",
    {
      schema: {
        operationId: "createIncidentTask",
        tags,
        summary: "Add a task by hand",
        params: IdParams,
        body: TaskCreate,
        response: { 201: TaskRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await tasks.createTask(ctx, requireActor(request), request.params.id, request.body)),
  );

  app.patch(
    "/api/incidents/:id/tasks/:itemId",
    {
      schema: {
        operationId: "updateIncidentTask",
        tags,
        summary: "Change a task: owner, due time, status, a checklist item",
        params: SubParams,
        body: TaskUpdate,
        response: { 200: TaskRead, ...problemResponses },
      },
    },
    async (request) =>
      tasks.updateTask(ctx, requireActor(request), request.params.id, request.params.itemId, request.body),
  );

  app.get(
    "/api/incidents/:id/clocks",
    {
      schema: {
        operationId: "listIncidentClocks",
        tags,
        summary: "The incident's legal clocks, soonest due first",
        params: IdParams,
        response: { 200: ClockList, ...problemResponses },
      },
    },
    async (request) => ({ items: await clocks.listClocks(ctx, requireActor(request), request.params.id) }),
  );

  app.post(
    "/api/incidents/:id/clocks",
    {
      schema: {
        operationId: "startIncidentClock",
        tags,
        summary: "Start a legal clock (§ 77b StGB, GDPR Art. 33, NIS2 Art. 23)",
        params: IdParams,
        body: ClockCreate,
        response: { 201: ClockRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await clocks.startClock(ctx, requireActor(request), request.params.id, request.body)),
  );

  app.patch(
    "/api/incidents/:id/clocks/:itemId",
    {
      schema: {
        operationId: "updateIncidentClock",
        tags,
        summary: "Correct a clock's start (knowledge time) or mark it met",
        params: SubParams,
        body: ClockUpdate,
        response: { 200: ClockRead, ...problemResponses },
      },
    },
    async (request) =>
      clocks.updateClock(ctx, requireActor(request), request.params.id, request.params.itemId, request.body),
  );

  app.get(
    "/api/incidents/:id/notices",
    {
      schema: {
        operationId: "listDsaNotices",
        tags,
        summary: "The incident's notices to platforms (DSA Art. 16)",
        params: IdParams,
        response: { 200: NoticeList, ...problemResponses },
      },
    },
    async (request) => ({ items: await notices.listNotices(ctx, requireActor(request), request.params.id) }),
  );

  app.post(
    "/api/incidents/:id/notices",
    {
      schema: {
        operationId: "createDsaNotice",
        tags,
        summary: "Draft a notice to a platform (DSA Art. 16(2))",
        params: IdParams,
        body: NoticeCreate,
        response: { 201: NoticeRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await notices.createNotice(ctx, requireActor(request), request.params.id, request.body)),
  );

  app.patch(
    "/api/incidents/:id/notices/:itemId",
    {
      schema: {
        operationId: "updateDsaNotice",
        tags,
        summary: "Edit a draft notice",
        params: SubParams,
        body: NoticeUpdate,
        response: { 200: NoticeRead, ...problemResponses },
      },
    },
    async (request) =>
      notices.updateNotice(
        ctx,
        requireActor(request),
        request.params.id,
        request.params.itemId,
        request.body,
      ),
  );

  app.post(
    "/api/incidents/:id/notices/:itemId/transitions",
    {
      schema: {
        operationId: "moveDsaNotice",
        tags,
        summary: "Move a notice on: submitted, confirmed, decided, redress",
        params: SubParams,
        body: NoticeTransition,
        response: { 200: NoticeRead, ...problemResponses },
      },
    },
    async (request) =>
      notices.moveNotice(ctx, requireActor(request), request.params.id, request.params.itemId, request.body),
  );

  app.post(
    "/api/incidents/:id/notices/:itemId/trusted-flagger",
    {
      schema: {
        operationId: "handDsaNoticeToTrustedFlagger",
        tags,
        summary: "Hand the case to a trusted flagger (DSA Art. 22)",
        params: SubParams,
        body: NoticeFlaggerHandover,
        response: { 200: NoticeRead, ...problemResponses },
      },
    },
    async (request) =>
      notices.handToTrustedFlagger(
        ctx,
        requireActor(request),
        request.params.id,
        request.params.itemId,
        request.body,
      ),
  );
}
