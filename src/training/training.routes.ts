import { z } from "zod";
import { switchWorkspace } from "../orgs/orgs.service.ts";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { asBody, binaryBody } from "../platform/http/binary.ts";
import { problemResponses } from "../platform/http/problem.ts";
import * as debriefs from "./training.debrief.ts";
import * as exercises from "./training.exercise.ts";
import * as joining from "./training.join.ts";
import * as library from "./training.library.ts";
import {
  CertificateQuery,
  CurrentExercise,
  DebriefRead,
  ExerciseCreate,
  ExerciseList,
  ExerciseRead,
  FeedItem,
  FeedList,
  FeedQuery,
  HandInject,
  JoinBody,
  Joined,
  JoinInfo,
  ProgressList,
  ScenarioDetail,
  ScenarioList,
  SpeedUpdate,
} from "./training.schema.ts";
import * as training from "./training.service.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });
const tags = ["training"];

/** The training simulator: library, exercises and their console, joining, feed, debrief, certificates, progress. */
export function registerTrainingRoutes(app: App, opts: AppOptions) {
  const { ctx } = opts;
  const own = { ownDir: opts.env.BRANDWACHE_TRAINING_DIR };

  app.get(
    "/api/training/scenarios",
    {
      schema: {
        operationId: "listTrainingScenarios",
        tags,
        summary: "The scenario library",
        response: { 200: ScenarioList, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: await library.listScenarios(ctx, own) };
    },
  );

  app.get(
    "/api/training/scenarios/:id",
    {
      schema: {
        operationId: "getTrainingScenario",
        tags,
        summary: "A scenario with its voices, scripted posts, branches and rubric",
        params: IdParams,
        response: { 200: ScenarioDetail, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return library.getScenario(ctx, request.params.id, own);
    },
  );

  app.get(
    "/api/training/exercises",
    {
      schema: {
        operationId: "listExercises",
        tags,
        summary: "Exercises of the organisation (trainers) or those the caller takes part in",
        response: { 200: ExerciseList, ...problemResponses },
      },
    },
    async (request) => ({ items: await exercises.listExercises(ctx, requireActor(request)) }),
  );

  app.post(
    "/api/training/exercises",
    {
      schema: {
        operationId: "createExercise",
        tags,
        summary: "Create an exercise from a scenario, in the lobby, with its teams' workspaces",
        body: ExerciseCreate,
        response: { 201: ExerciseRead, ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await training.createExercise(ctx, requireActor(request), request.body, own);
      return reply.code(201).send(created);
    },
  );

  app.get(
    "/api/training/exercises/:id",
    {
      schema: {
        operationId: "getExercise",
        tags,
        summary: "One exercise: status, clock, teams and members",
        params: IdParams,
        response: { 200: ExerciseRead, ...problemResponses },
      },
    },
    async (request) => exercises.getExercise(ctx, requireActor(request), request.params.id),
  );

  app.delete(
    "/api/training/exercises/:id",
    {
      schema: {
        operationId: "deleteExercise",
        tags,
        summary: "Delete an exercise with its workspaces",
        params: IdParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await training.deleteExercise(ctx, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  for (const control of ["start", "pause", "resume", "end"] as const) {
    app.post(
      `/api/training/exercises/:id/${control}`,
      {
        schema: {
          operationId: `${control}Exercise`,
          tags,
          summary: {
            start: "Start the exercise clock",
            pause: "Pause the exercise (no posts, no branches)",
            resume: "Resume a paused exercise",
            end: "End the exercise and score every team",
          }[control],
          params: IdParams,
          body: z.object({}).strict().nullish(),
          response: { 200: ExerciseRead, ...problemResponses },
        },
      },
      async (request) => training.control(ctx, requireActor(request), request.params.id, control),
    );
  }

  app.put(
    "/api/training/exercises/:id/speed",
    {
      schema: {
        operationId: "setExerciseSpeed",
        tags,
        summary: "Speed the exercise up or slow it down (scenario minutes per real minute)",
        params: IdParams,
        body: SpeedUpdate,
        response: { 200: ExerciseRead, ...problemResponses },
      },
    },
    async (request) =>
      training.control(ctx, requireActor(request), request.params.id, "speed", request.body.speed),
  );

  app.post(
    "/api/training/exercises/:id/injects",
    {
      schema: {
        operationId: "sendHandInject",
        tags,
        summary: "Send a post by hand into one team's workspace or every team's",
        params: IdParams,
        body: HandInject,
        response: { 201: FeedItem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const item = await training.sendHandInject(ctx, requireActor(request), request.params.id, request.body);
      return reply.code(201).send(item);
    },
  );

  app.get(
    "/api/training/exercises/:id/feed",
    {
      schema: {
        operationId: "exerciseFeed",
        tags,
        summary: "The live feed: controls, branches, posts and every trainee's actions",
        params: IdParams,
        querystring: FeedQuery,
        response: { 200: FeedList, ...problemResponses },
      },
    },
    async (request) =>
      debriefs.exerciseFeed(ctx, requireActor(request), request.params.id, request.query.after),
  );

  app.get(
    "/api/training/exercises/:id/debrief",
    {
      schema: {
        operationId: "exerciseDebrief",
        tags,
        summary: "Scores, timeline of posts and actions, what went well and what to improve",
        params: IdParams,
        response: { 200: DebriefRead, ...problemResponses },
      },
    },
    async (request) => debriefs.debrief(ctx, requireActor(request), request.params.id),
  );

  app.get(
    "/api/training/exercises/:id/certificates/:userId",
    {
      schema: {
        operationId: "exerciseCertificate",
        tags,
        summary: "A participant's certificate of the ended exercise (PDF)",
        params: IdParams.extend({ userId: z.string().min(1).max(100) }),
        querystring: CertificateQuery,
        response: {
          200: { description: "The certificate", content: { "application/pdf": { schema: binaryBody } } },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const pdf = await debriefs.certificate(
        ctx,
        requireActor(request),
        request.params.id,
        request.params.userId,
        request.query.lang,
      );
      return reply
        .type("application/pdf")
        .header(
          "content-disposition",
          `attachment; filename="certificate-${request.params.id}-${request.params.userId}.pdf"`,
        )
        .send(asBody(pdf));
    },
  );

  app.get(
    "/api/training/join/:code",
    {
      schema: {
        operationId: "exerciseJoinInfo",
        tags,
        summary: "What the join link leads to: the exercise, its teams and roles",
        params: z.object({ code: z.string().min(8).max(100) }),
        response: { 200: JoinInfo, ...problemResponses },
      },
    },
    async (request) => joining.joinInfo(ctx, requireActor(request), request.params.code),
  );

  app.post(
    "/api/training/join",
    {
      schema: {
        operationId: "joinExercise",
        tags,
        summary: "Join an exercise with a team and an incident role; the session moves to its workspace",
        body: JoinBody,
        response: { 200: Joined, ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const joined = await joining.joinExercise(ctx, actor, request.body);
      if (request.sessionToken) await switchWorkspace(ctx, actor, request.sessionToken, joined.workspaceId);
      return joined;
    },
  );

  app.get(
    "/api/training/current",
    {
      schema: {
        operationId: "currentExercise",
        tags,
        summary: "The exercise of the workspace the caller is in (404 in a real workspace)",
        response: { 200: CurrentExercise, ...problemResponses },
      },
    },
    async (request) => joining.currentExercise(ctx, requireActor(request)),
  );

  app.get(
    "/api/training/progress",
    {
      schema: {
        operationId: "trainingProgress",
        tags,
        summary: "Each person's results across exercises (trainers see everyone)",
        response: { 200: ProgressList, ...problemResponses },
      },
    },
    async (request) => ({ items: await debriefs.progress(ctx, requireActor(request)) }),
  );
}
