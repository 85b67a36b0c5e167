import type { AppContext } from "../platform/context.ts";
import type { App } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { AuditList, AuditListQuery } from "./audit.schema.ts";
import { listAudit } from "./audit.service.ts";

/** The audit log. */
export function registerAuditRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/audit",
    {
      schema: {
        operationId: "listAudit",
        tags: ["audit"],
        summary: "The audit log, newest first (managers and admins)",
        querystring: AuditListQuery,
        response: { 200: AuditList, ...problemResponses },
      },
    },
    async (request) => listAudit(ctx, requireActor(request), request.query),
  );
}
