import { z } from "zod";
import { germanHolidays } from "../core/sla/holidays.ts";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import * as figures from "./inbox.figures.ts";
import * as replies from "./inbox.replies.ts";
import {
  ConversationList,
  ConversationListQuery,
  ConversationRead,
  ConversationSummary,
  ConversationUpdate,
  FiguresQuery,
  FilledReply,
  FillReplyBody,
  HolidayList,
  HolidayQuery,
  InboxSettingsRead,
  InboxSettingsUpdate,
  NoteCreate,
  NoteRead,
  PresenceUpdate,
  ResponseFigures,
  SavedReplyCreate,
  SavedReplyList,
  SavedReplyQuery,
  SavedReplyRead,
  SavedReplyUpdate,
  TeamCreate,
  TeamList,
  TeamRead,
  TeamUpdate,
} from "./inbox.schema.ts";
import * as inbox from "./inbox.service.ts";
import * as teams from "./inbox.teams.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });
const tags = ["inbox"];
const noContent = z.null().describe("Done");

/** The inbox: conversations, notes, presence, figures, settings, teams and saved replies. */
export function registerInboxRoutes(app: App, { ctx }: Pick<AppOptions, "ctx">): void {
  app.get(
    "/api/inbox/conversations",
    {
      schema: {
        operationId: "listConversations",
        tags,
        summary: "Conversations that need an answer, not done first and by the next due time",
        querystring: ConversationListQuery,
        response: { 200: ConversationList, ...problemResponses },
      },
    },
    async (request) => inbox.listConversations(ctx, requireActor(request), request.query),
  );

  app.get(
    "/api/inbox/conversations/:id",
    {
      schema: {
        operationId: "getConversation",
        tags,
        summary: "One conversation with its thread, notes, service levels and who else is answering",
        params: IdParams,
        response: { 200: ConversationRead, ...problemResponses },
      },
    },
    async (request) => inbox.getConversation(ctx, requireActor(request), request.params.id),
  );

  app.patch(
    "/api/inbox/conversations/:id",
    {
      schema: {
        operationId: "updateConversation",
        tags,
        summary: "Change a conversation's status or assignee",
        params: IdParams,
        body: ConversationUpdate,
        response: { 200: ConversationSummary, ...problemResponses },
      },
    },
    async (request) => inbox.updateConversation(ctx, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/api/inbox/conversations/:id/notes",
    {
      schema: {
        operationId: "addConversationNote",
        tags,
        summary: "Add an internal note; @name or @name@domain mentions a colleague",
        params: IdParams,
        body: NoteCreate,
        response: { 201: NoteRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await inbox.addNote(ctx, requireActor(request), request.params.id, request.body.text)),
  );

  app.post(
    "/api/inbox/conversations/:id/presence",
    {
      schema: {
        operationId: "setConversationPresence",
        tags,
        summary: "Say that you are (or stopped) writing an answer; send every 10-15 s while typing",
        params: IdParams,
        body: PresenceUpdate,
        response: { 204: noContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await inbox.setPresence(ctx, requireActor(request), request.params.id, request.body.composing);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/inbox/conversations/:id/fill-reply",
    {
      schema: {
        operationId: "fillSavedReply",
        tags,
        summary: "A saved reply with its variables filled in for this conversation",
        params: IdParams,
        body: FillReplyBody,
        response: { 200: FilledReply, ...problemResponses },
      },
    },
    async (request) =>
      replies.fillSavedReply(ctx, requireActor(request), request.params.id, request.body.savedReplyId),
  );

  app.get(
    "/api/inbox/figures",
    {
      schema: {
        operationId: "getResponseFigures",
        tags,
        summary: "Response times (business minutes) and service-level breaches of the last days, per band",
        querystring: FiguresQuery,
        response: { 200: ResponseFigures, ...problemResponses },
      },
    },
    async (request) => figures.responseFigures(ctx, requireActor(request), request.query.days),
  );

  app.get(
    "/api/inbox/settings",
    {
      schema: {
        operationId: "getInboxSettings",
        tags,
        summary: "Attention threshold, service hours, holidays and service-level targets",
        response: { 200: InboxSettingsRead, ...problemResponses },
      },
    },
    async (request) => inbox.getInboxSettings(ctx, requireActor(request)),
  );

  app.patch(
    "/api/inbox/settings",
    {
      schema: {
        operationId: "updateInboxSettings",
        tags,
        summary: "Change the attention threshold, service hours, holidays or targets",
        body: InboxSettingsUpdate,
        response: { 200: InboxSettingsRead, ...problemResponses },
      },
    },
    async (request) => inbox.updateInboxSettings(ctx, requireActor(request), request.body),
  );

  app.get(
    "/api/inbox/holidays",
    {
      schema: {
        operationId: "listGermanHolidays",
        tags,
        summary: "German public holidays of a year, nationwide and of one Land, to fill the holiday list",
        querystring: HolidayQuery,
        response: { 200: HolidayList, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: germanHolidays(request.query.year, request.query.state) };
    },
  );

  app.get(
    "/api/inbox/teams",
    {
      schema: {
        operationId: "listInboxTeams",
        tags,
        summary: "Teams conversations can be assigned to",
        response: { 200: TeamList, ...problemResponses },
      },
    },
    async (request) => ({ items: await teams.listTeams(ctx, requireActor(request)) }),
  );

  app.post(
    "/api/inbox/teams",
    {
      schema: {
        operationId: "createInboxTeam",
        tags,
        summary: "Create a team",
        body: TeamCreate,
        response: { 201: TeamRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await teams.createTeam(ctx, requireActor(request), request.body)),
  );

  app.patch(
    "/api/inbox/teams/:id",
    {
      schema: {
        operationId: "updateInboxTeam",
        tags,
        summary: "Rename a team or change its members",
        params: IdParams,
        body: TeamUpdate,
        response: { 200: TeamRead, ...problemResponses },
      },
    },
    async (request) => teams.updateTeam(ctx, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/api/inbox/teams/:id",
    {
      schema: {
        operationId: "deleteInboxTeam",
        tags,
        summary: "Delete a team; its conversations become unassigned",
        params: IdParams,
        response: { 204: noContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await teams.deleteTeam(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/inbox/saved-replies",
    {
      schema: {
        operationId: "listSavedReplies",
        tags,
        summary: "Saved replies, searched by title or text",
        querystring: SavedReplyQuery,
        response: { 200: SavedReplyList, ...problemResponses },
      },
    },
    async (request) => ({ items: await replies.listSavedReplies(ctx, requireActor(request), request.query) }),
  );

  app.post(
    "/api/inbox/saved-replies",
    {
      schema: {
        operationId: "createSavedReply",
        tags,
        summary: "Create a saved reply with variables {author}, {name}, {ticket}, {agent}, {org}",
        body: SavedReplyCreate,
        response: { 201: SavedReplyRead, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await replies.createSavedReply(ctx, requireActor(request), request.body)),
  );

  app.patch(
    "/api/inbox/saved-replies/:id",
    {
      schema: {
        operationId: "updateSavedReply",
        tags,
        summary: "Change a saved reply",
        params: IdParams,
        body: SavedReplyUpdate,
        response: { 200: SavedReplyRead, ...problemResponses },
      },
    },
    async (request) => replies.updateSavedReply(ctx, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/api/inbox/saved-replies/:id",
    {
      schema: {
        operationId: "deleteSavedReply",
        tags,
        summary: "Delete a saved reply",
        params: IdParams,
        response: { 204: noContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await replies.deleteSavedReply(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
