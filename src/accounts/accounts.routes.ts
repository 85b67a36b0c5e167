import type { AppContext } from "../platform/context.ts";
import type { App } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import {
  AccountLockdown,
  AccountLockdownResult,
  AccountSecurityWrite,
  AccountsOverview,
  OfficialAccountRead,
} from "./accounts.schema.ts";
import * as accounts from "./accounts.service.ts";

const tags = ["accounts"];

/** The official accounts: security posture, takeover signs, lockdown; and the accounts imitating them. */
export function registerAccountRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/accounts",
    {
      schema: {
        operationId: "listAccounts",
        tags,
        summary: "Official accounts with security posture and takeover signs, and lookalike accounts",
        response: { 200: AccountsOverview, ...problemResponses },
      },
    },
    async (request) => accounts.accountsOverview(ctx, requireActor(request)),
  );

  app.put(
    "/api/accounts/security",
    {
      schema: {
        operationId: "recordAccountSecurity",
        tags,
        summary: "Record an official account's owner, two-factor method, recovery contact and access review",
        body: AccountSecurityWrite,
        response: { 200: OfficialAccountRead, ...problemResponses },
      },
    },
    async (request) => accounts.updateSecurity(ctx, requireActor(request), request.body),
  );

  app.post(
    "/api/accounts/lockdown",
    {
      schema: {
        operationId: "startAccountLockdown",
        tags,
        summary: "Open an incident with the hacked-account playbook for an official account",
        body: AccountLockdown,
        response: { 201: AccountLockdownResult, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await accounts.startLockdown(ctx, requireActor(request), request.body)),
  );
}
