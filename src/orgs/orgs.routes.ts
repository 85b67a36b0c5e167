import { z } from "zod";
import type { App, AppOptions } from "../platform/http/app.ts";
import { clearSessionCookie, requireActor, setSessionCookie } from "../platform/http/auth.ts";
import { AppError } from "../platform/http/errors.ts";
import { problemResponses } from "../platform/http/problem.ts";
import {
  LoginBody,
  MemberCreate,
  MemberList,
  MemberRead,
  MemberUpdate,
  Session,
  TokenCreate,
  TokenCreated,
  TokenList,
  WorkspaceSwitch,
} from "./orgs.schema.ts";
import * as orgs from "./orgs.service.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Sign-in, members and API tokens. */
export function registerOrgRoutes(app: App, { ctx, env }: Pick<AppOptions, "ctx" | "env">) {
  const secure = env.BRANDWACHE_SECURE_COOKIES;

  app.post(
    "/api/auth/login",
    {
      config: { rateLimit: { max: env.BRANDWACHE_LOGIN_RATE, timeWindow: "1 minute" } },
      schema: {
        operationId: "login",
        tags: ["auth"],
        summary: "Sign in with e-mail and password; sets the session cookie",
        security: [],
        body: LoginBody,
        response: { 200: Session, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { cookie, session, expiresAt } = await orgs.login(
        ctx,
        request.body,
        env.BRANDWACHE_SESSION_HOURS,
      );
      setSessionCookie(reply, cookie, expiresAt, secure);
      return session;
    },
  );

  app.post(
    "/api/auth/logout",
    {
      schema: {
        operationId: "logout",
        tags: ["auth"],
        summary: "Sign out",
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (request.sessionToken) await orgs.logout(ctx, actor, request.sessionToken);
      clearSessionCookie(reply, secure);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/auth/me",
    {
      schema: {
        operationId: "getSession",
        tags: ["auth"],
        summary: "The signed-in user, organisation, role and CSRF token",
        response: { 200: Session, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      const session = request.sessionToken ? await orgs.describeSession(ctx, request.sessionToken) : null;
      if (!session)
        throw new AppError("unauthorized", "Only browser sessions have a session; API tokens do not");
      return session;
    },
  );

  app.post(
    "/api/auth/workspace",
    {
      schema: {
        operationId: "switchWorkspace",
        tags: ["auth"],
        summary:
          "Move the session to another workspace of the signed-in person (a real one or an exercise's)",
        body: WorkspaceSwitch,
        response: { 200: Session, ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!request.sessionToken) {
        throw new AppError("unauthorized", "Only browser sessions can switch workspace; API tokens cannot");
      }
      return orgs.switchWorkspace(ctx, actor, request.sessionToken, request.body.orgId);
    },
  );

  app.get(
    "/api/users",
    {
      schema: {
        operationId: "listMembers",
        tags: ["members"],
        summary: "Members of the organisation",
        response: { 200: MemberList, ...problemResponses },
      },
    },
    async (request) => ({ items: await orgs.listMembers(ctx, requireActor(request)) }),
  );

  app.post(
    "/api/users",
    {
      schema: {
        operationId: "addMember",
        tags: ["members"],
        summary: "Add a member (admins only)",
        body: MemberCreate,
        response: { 201: MemberRead, 409: problemResponses[400], ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await orgs.addMember(ctx, requireActor(request), request.body)),
  );

  app.patch(
    "/api/users/:id",
    {
      schema: {
        operationId: "updateMember",
        tags: ["members"],
        summary: "Change a member's role or name (admins only)",
        params: IdParams,
        body: MemberUpdate,
        response: { 200: MemberRead, 409: problemResponses[400], ...problemResponses },
      },
    },
    async (request) => orgs.updateMember(ctx, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/api/users/:id",
    {
      schema: {
        operationId: "removeMember",
        tags: ["members"],
        summary: "Remove a member from the organisation (admins only)",
        params: IdParams,
        response: { 204: z.null(), 409: problemResponses[400], ...problemResponses },
      },
    },
    async (request, reply) => {
      await orgs.removeMember(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/tokens",
    {
      schema: {
        operationId: "listTokens",
        tags: ["tokens"],
        summary: "API tokens (admins only)",
        response: { 200: TokenList, ...problemResponses },
      },
    },
    async (request) => ({ items: await orgs.listTokens(ctx, requireActor(request)) }),
  );

  app.post(
    "/api/tokens",
    {
      schema: {
        operationId: "createToken",
        tags: ["tokens"],
        summary: "Create an API token; the secret is in this response only",
        body: TokenCreate,
        response: { 201: TokenCreated, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await orgs.createToken(ctx, requireActor(request), request.body)),
  );

  app.delete(
    "/api/tokens/:id",
    {
      schema: {
        operationId: "revokeToken",
        tags: ["tokens"],
        summary: "Revoke an API token",
        params: IdParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await orgs.revokeToken(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
