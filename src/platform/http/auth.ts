import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../orgs/orgs.policy.ts";
import { resolveSession, resolveToken } from "../../orgs/orgs.service.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "./errors.ts";

/** Name of the session cookie. */
export const sessionCookie = "bw_session";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling; null when neither a session cookie nor an API token was presented. */
    actor: Actor | null;
    /** The session cookie's value when the caller is signed in through the browser. */
    sessionToken: string | null;
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Resolves the caller from `Authorization: Bearer` or the session cookie, and checks CSRF on cookie-authenticated writes. */
export function registerAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionToken", null);
  app.addHook("preHandler", async (request: FastifyRequest) => {
    if (!request.url.startsWith("/api/")) return;
    const authorization = request.headers.authorization;
    if (authorization) {
      const [scheme, secret] = authorization.split(" ");
      const actor = scheme?.toLowerCase() === "bearer" && secret ? await resolveToken(ctx, secret) : null;
      if (!actor) throw new AppError("unauthorized", "The API token is not valid");
      request.actor = actor;
      return; // tokens are not sent by browsers on their own, so they need no CSRF check
    }
    const cookie = request.cookies[sessionCookie];
    if (!cookie) return;
    const resolved = await resolveSession(ctx, cookie);
    if (!resolved) return;
    // Double-submit check: a cross-site form can send the cookie but cannot read the token to send it back.
    if (!safeMethods.has(request.method) && request.headers["x-csrf-token"] !== resolved.session.csrfToken) {
      throw new AppError(
        "csrf_failed",
        "The x-csrf-token header is missing or wrong; reload the page and try again",
      );
    }
    request.actor = resolved.actor;
    request.sessionToken = cookie;
  });
}

/** The caller, or a 401 problem when nobody is signed in. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthorized", "Sign in or send an API token");
  return request.actor;
}

/** Sets the session cookie: HTTP-only, SameSite=Lax, Secure unless turned off for plain-HTTP hosts. */
export function setSessionCookie(reply: FastifyReply, value: string, expires: Date, secure: boolean) {
  reply.setCookie(sessionCookie, value, { path: "/", httpOnly: true, sameSite: "lax", secure, expires });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(sessionCookie, { path: "/", httpOnly: true, sameSite: "lax", secure });
}
