import { z } from "zod";
import { organisationName } from "../orgs/orgs.service.ts";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { alertUrl } from "./alerts.dispatcher.ts";
import {
  AlertChannelCreate,
  AlertChannelList,
  AlertChannelRead,
  AlertChannelUpdate,
  AlertList,
  AlertListQuery,
  AlertRead,
  AlertRuleCreate,
  AlertRuleList,
  AlertRuleRead,
  AlertRuleUpdate,
  AlertUpdate,
  ChannelTestResult,
} from "./alerts.schema.ts";
import * as alerts from "./alerts.service.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Alerts (list, acknowledge, resolve), the rules that raise them and the channels they go to. */
export function registerAlertRoutes(app: App, { ctx, alerting }: Pick<AppOptions, "ctx" | "alerting">) {
  app.get(
    "/api/alerts",
    {
      schema: {
        operationId: "listAlerts",
        tags: ["alerts"],
        summary: "Alerts, newest first, with their deliveries and the number of open alerts",
        querystring: AlertListQuery,
        response: { 200: AlertList, ...problemResponses },
      },
    },
    async (request) => alerts.listAlerts(ctx, requireActor(request), request.query),
  );

  app.get(
    "/api/alerts/:id",
    {
      schema: {
        operationId: "getAlert",
        tags: ["alerts"],
        summary: "One alert with its deliveries",
        params: IdParams,
        response: { 200: AlertRead, ...problemResponses },
      },
    },
    async (request) => alerts.getAlert(ctx, requireActor(request), request.params.id),
  );

  app.patch(
    "/api/alerts/:id",
    {
      schema: {
        operationId: "updateAlert",
        tags: ["alerts"],
        summary: "Acknowledge, resolve or reopen an alert",
        params: IdParams,
        body: AlertUpdate,
        response: { 200: AlertRead, ...problemResponses },
      },
    },
    async (request) =>
      alerts.updateAlertState(ctx, requireActor(request), request.params.id, request.body.state),
  );

  app.get(
    "/api/alert-rules",
    {
      schema: {
        operationId: "listAlertRules",
        tags: ["alerts"],
        summary: "The rules that raise alerts",
        response: { 200: AlertRuleList, ...problemResponses },
      },
    },
    async (request) => ({ items: await alerts.listRules(ctx, requireActor(request)) }),
  );

  app.post(
    "/api/alert-rules",
    {
      schema: {
        operationId: "createAlertRule",
        tags: ["alerts"],
        summary: "Create an alert rule",
        body: AlertRuleCreate,
        response: { 201: AlertRuleRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await alerts.createRule(ctx, requireActor(request), request.body)),
  );

  app.patch(
    "/api/alert-rules/:id",
    {
      schema: {
        operationId: "updateAlertRule",
        tags: ["alerts"],
        summary: "Change an alert rule",
        params: IdParams,
        body: AlertRuleUpdate,
        response: { 200: AlertRuleRead, ...problemResponses },
      },
    },
    async (request) => alerts.updateRule(ctx, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/api/alert-rules/:id",
    {
      schema: {
        operationId: "deleteAlertRule",
        tags: ["alerts"],
        summary: "Delete an alert rule (its alerts stay)",
        params: IdParams,
        response: { 204: z.null().describe("Deleted"), ...problemResponses },
      },
    },
    async (request, reply) => {
      await alerts.deleteRule(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/alert-channels",
    {
      schema: {
        operationId: "listAlertChannels",
        tags: ["alerts"],
        summary: "Where alerts are delivered besides the app (without secrets)",
        response: { 200: AlertChannelList, ...problemResponses },
      },
    },
    async (request) => ({ items: await alerts.listChannels(ctx, requireActor(request)) }),
  );

  app.post(
    "/api/alert-channels",
    {
      schema: {
        operationId: "createAlertChannel",
        tags: ["alerts"],
        summary: "Create an e-mail, Slack, Teams or webhook channel",
        body: AlertChannelCreate,
        response: { 201: AlertChannelRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await alerts.createChannel(ctx, requireActor(request), request.body)),
  );

  app.patch(
    "/api/alert-channels/:id",
    {
      schema: {
        operationId: "updateAlertChannel",
        tags: ["alerts"],
        summary: "Change a channel; a new config replaces the old one whole",
        params: IdParams,
        body: AlertChannelUpdate,
        response: { 200: AlertChannelRead, ...problemResponses },
      },
    },
    async (request) => alerts.updateChannel(ctx, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/api/alert-channels/:id",
    {
      schema: {
        operationId: "deleteAlertChannel",
        tags: ["alerts"],
        summary: "Delete a channel (rules stop using it; past deliveries keep its name)",
        params: IdParams,
        response: { 204: z.null().describe("Deleted"), ...problemResponses },
      },
    },
    async (request, reply) => {
      await alerts.deleteChannel(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/alert-channels/:id/test",
    {
      schema: {
        operationId: "testAlertChannel",
        tags: ["alerts"],
        summary: "Send a test message through a channel and report what the receiver answered",
        params: IdParams,
        response: { 200: ChannelTestResult, ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const channel = await alerts.channelForTest(ctx, actor, request.params.id);
      const now = ctx.clock.now().toISOString();
      try {
        await alerting.send(channel.config, {
          alertId: "test",
          deliveryId: ctx.ids.id(),
          orgName: (await organisationName(ctx, actor.orgId)) ?? "Brandwache",
          topicName: null,
          severity: "info",
          trigger: "level_reached",
          title: { de: `Test des Kanals „${channel.name}“`, en: `Test of the channel “${channel.name}”` },
          explanation: {
            de: "Wenn Sie dies lesen, kommen Alarme von Brandwache hier an.",
            en: "If you can read this, alerts from Brandwache arrive here.",
          },
          createdAt: now,
          url: alertUrl(alerting.publicUrl, "test"),
          postIds: [],
          test: true,
        });
        return { ok: true, error: null };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  );
}
