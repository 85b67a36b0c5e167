import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import type { App } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import {
  StakeholderAccountCreate,
  StakeholderAccountList,
  StakeholderAccountRead,
  StakeholderAccountUpdate,
} from "./stakeholders.schema.ts";
import * as stakeholders from "./stakeholders.service.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** The stakeholder map: known accounts by group, friend or foe, and what they posted lately. */
export function registerStakeholderRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/stakeholders",
    {
      schema: {
        operationId: "listStakeholders",
        tags: ["stakeholders"],
        summary: "The stakeholder map with each account's posts of the last 7 days",
        response: { 200: StakeholderAccountList, ...problemResponses },
      },
    },
    async (request) => ({ items: await stakeholders.listStakeholders(ctx, requireActor(request)) }),
  );

  app.post(
    "/api/stakeholders",
    {
      schema: {
        operationId: "addStakeholder",
        tags: ["stakeholders"],
        summary: "Put an account on the stakeholder map",
        body: StakeholderAccountCreate,
        response: { 201: StakeholderAccountRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await stakeholders.addStakeholder(ctx, requireActor(request), request.body)),
  );

  app.patch(
    "/api/stakeholders/:id",
    {
      schema: {
        operationId: "updateStakeholder",
        tags: ["stakeholders"],
        summary: "Change an account's group, stance, influence, name or note",
        params: IdParams,
        body: StakeholderAccountUpdate,
        response: { 200: StakeholderAccountRead, ...problemResponses },
      },
    },
    async (request) =>
      stakeholders.updateStakeholder(ctx, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/api/stakeholders/:id",
    {
      schema: {
        operationId: "removeStakeholder",
        tags: ["stakeholders"],
        summary: "Take an account off the stakeholder map",
        params: IdParams,
        response: { 204: z.null().describe("Removed"), ...problemResponses },
      },
    },
    async (request, reply) => {
      await stakeholders.removeStakeholder(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
