import { z } from "zod";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { EscalationDetailQuery, EscalationList, TopicEscalationDetail } from "./escalation.schema.ts";

const TopicParams = z.object({ topicId: z.string().min(1).max(100) });

/** The escalation level of every tracked topic, and one topic in detail. */
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

  app.get(
    "/api/escalation/:topicId",
    {
      schema: {
        operationId: "getTopicEscalation",
        tags: ["escalation"],
        summary:
          "One topic's escalation with its timeline (anomalies marked), new voices and coordinated groups",
        params: TopicParams,
        querystring: EscalationDetailQuery,
        response: { 200: TopicEscalationDetail, ...problemResponses },
      },
    },
    async (request) =>
      escalation.detail(requireActor(request), request.params.topicId, request.query.resolution),
  );
}
