import type { AppContext } from "../platform/context.ts";
import type { App } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { SourceList } from "./sources.schema.ts";
import { listSources } from "./sources.service.ts";

/** Where posts come from. */
export function registerSourceRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/sources",
    {
      schema: {
        operationId: "listSources",
        tags: ["sources"],
        summary: "Sources with their post counts",
        response: { 200: SourceList, ...problemResponses },
      },
    },
    async (request) => ({ items: await listSources(ctx, requireActor(request)) }),
  );
}
