import type { AppContext } from "../platform/context.ts";
import type { App } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { Report, ReportQuery } from "./reports.schema.ts";
import { buildReport } from "./reports.service.ts";

/** The situation report of a period. */
export function registerReportRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/reports/summary",
    {
      schema: {
        operationId: "getReport",
        tags: ["reports"],
        summary:
          "Situation report of a period beside the period before: mentions, risks, topics, top posts, alerts, incidents, response times",
        querystring: ReportQuery,
        response: { 200: Report, ...problemResponses },
      },
    },
    async (request) => buildReport(ctx, requireActor(request), request.query),
  );
}
