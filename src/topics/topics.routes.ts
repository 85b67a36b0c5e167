import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import type { App } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import {
  QueryValidate,
  QueryValidation,
  TopicCreate,
  TopicList,
  TopicRead,
  TopicUpdate,
} from "./topics.schema.ts";
import * as topics from "./topics.service.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Tracked topics and live query validation. */
export function registerTopicRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/topics",
    {
      schema: {
        operationId: "listTopics",
        tags: ["topics"],
        summary: "Tracked topics",
        response: { 200: TopicList, ...problemResponses },
      },
    },
    async (request) => ({ items: await topics.listTopics(ctx, requireActor(request)) }),
  );

  app.get(
    "/api/topics/:id",
    {
      schema: {
        operationId: "getTopic",
        tags: ["topics"],
        summary: "One tracked topic",
        params: IdParams,
        response: { 200: TopicRead, ...problemResponses },
      },
    },
    async (request) => topics.getTopic(ctx, requireActor(request), request.params.id),
  );

  app.post(
    "/api/topics",
    {
      schema: {
        operationId: "createTopic",
        tags: ["topics"],
        summary: "Create a tracked topic (managers and admins)",
        body: TopicCreate,
        response: { 201: TopicRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await topics.createTopic(ctx, requireActor(request), request.body)),
  );

  app.patch(
    "/api/topics/:id",
    {
      schema: {
        operationId: "updateTopic",
        tags: ["topics"],
        summary: "Change a tracked topic",
        params: IdParams,
        body: TopicUpdate,
        response: { 200: TopicRead, ...problemResponses },
      },
    },
    async (request) => topics.updateTopic(ctx, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/api/topics/:id",
    {
      schema: {
        operationId: "deleteTopic",
        tags: ["topics"],
        summary: "Delete a tracked topic (its posts stay)",
        params: IdParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await topics.deleteTopic(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/topics/validate",
    {
      schema: {
        operationId: "validateTopicQuery",
        tags: ["topics"],
        summary: "Check a topic query while it is typed; errors carry their position",
        body: QueryValidate,
        response: { 200: QueryValidation, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return topics.validateTopicQuery(request.body.query);
    },
  );
}
