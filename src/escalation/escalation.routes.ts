import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { EscalationList } from "./escalation.schema.ts";

/** The escalation level of every tracked topic. */
export function registerEscalationRoutes(app: App, { escalation }: Pick<AppOptions, "escalation">) {
  app.get(
    "/api/escalation",
    {
      schema: {
        operationId: "listEscalation",
        tags: ["escalation"],
        summary:
          "Each tracked topic's escalation level 0-6 with its explanation, anomaly score and last hour",
        response: { 200: EscalationList, ...problemResponses },
      },
    },
    async (request) => ({ items: await escalation.list(requireActor(request)) }),
  );
}
