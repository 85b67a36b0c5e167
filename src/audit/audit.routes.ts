import type { AppContext } from "../platform/context.ts";
import type { App } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { AuditList, AuditListQuery, AuditVerifyRead } from "./audit.schema.ts";
import { listAudit, verifyOwnAuditChain } from "./audit.service.ts";

/** The audit log and its chain check. */
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

  app.get(
    "/api/audit/verify",
    {
      schema: {
        operationId: "verifyAudit",
        tags: ["audit"],
        summary:
          "Re-checks the organisation's audit hash chain and names the first broken entry (managers and admins)",
        response: { 200: AuditVerifyRead, ...problemResponses },
      },
    },
    async (request): Promise<AuditVerifyRead> => {
      const check = await verifyOwnAuditChain(ctx, requireActor(request));
      return check.ok
        ? { ok: true, entries: check.entries, broken: null }
        : { ok: false, entries: check.entries, broken: { seq: check.seq, reason: check.reason } };
    },
  );
}
