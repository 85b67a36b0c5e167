import { recordAudit } from "../audit/audit.service.ts";
import { type CompiledQuery, compileQuery, formatQuery, parseQuery } from "../core/query/index.ts";
import { queryWords } from "../core/query/query.words.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { canEditTopics } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { categoryLogger } from "../platform/logger.ts";
import * as repo from "./topics.repo.ts";
import type { QueryValidation, TopicCreate, TopicRead, TopicUpdate } from "./topics.schema.ts";

function present(row: repo.TopicRow): TopicRead {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Checks a topic query; on error, names the problem and its position. */
export function validateTopicQuery(query: string): QueryValidation {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, canonical: formatQuery(parsed.ast) };
}

function parseOrThrow(query: string) {
  const parsed = parseQuery(query);
  if (!parsed.ok) {
    const { message, position } = parsed.error;
    throw new AppError(
      "validation_failed",
      `The query is not valid: ${message} (at character ${position + 1})`,
      [{ field: "query", message: `${message} (at character ${position + 1})` }],
    );
  }
  return parsed.ast;
}

/** Topics of the actor's organisation. */
export async function listTopics(ctx: AppContext, actor: Actor): Promise<TopicRead[]> {
  return (await repo.listTopics(ctx.db, actor.orgId)).map(present);
}

/** One topic. */
export async function getTopic(ctx: AppContext, actor: Actor, id: string): Promise<TopicRead> {
  const row = await repo.findTopic(ctx.db, actor.orgId, id);
  if (!row) throw notFound("Topic");
  return present(row);
}

/** Creates a topic after checking its query. */
export async function createTopic(
  ctx: AppContext,
  actor: Actor | { orgId: string; system: true },
  input: TopicCreate,
): Promise<TopicRead> {
  if (!("system" in actor) && !canEditTopics(actor)) throw forbidden("edit topics");
  parseOrThrow(input.query);
  const now = ctx.clock.now();
  const row: repo.TopicRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    name: input.name,
    query: input.query,
    description: input.description ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertTopic(tx, row);
    await recordAudit(tx, ctx, actor, {
      action: "topic.create",
      entityType: "topic",
      entityId: row.id,
      detail: input,
    });
  });
  await ctx.bus.publish("topics.changed", { orgId: actor.orgId });
  return present(row);
}

/** Changes a topic. */
export async function updateTopic(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: TopicUpdate,
): Promise<TopicRead> {
  if (!canEditTopics(actor)) throw forbidden("edit topics");
  if (input.query !== undefined) parseOrThrow(input.query);
  const row = await ctx.db.transaction(async (tx) => {
    if (!(await repo.findTopic(tx, actor.orgId, id))) throw notFound("Topic");
    await repo.updateTopic(tx, actor.orgId, id, { ...input, updatedAt: ctx.clock.now() });
    await recordAudit(tx, ctx, actor, {
      action: "topic.update",
      entityType: "topic",
      entityId: id,
      detail: input,
    });
    const updated = await repo.findTopic(tx, actor.orgId, id);
    if (!updated) throw notFound("Topic");
    return updated;
  });
  await ctx.bus.publish("topics.changed", { orgId: actor.orgId });
  return present(row);
}

/** Deletes a topic (the posts stay). */
export async function deleteTopic(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!canEditTopics(actor)) throw forbidden("edit topics");
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.findTopic(tx, actor.orgId, id))) throw notFound("Topic");
    await repo.deleteTopic(tx, actor.orgId, id);
    await recordAudit(tx, ctx, actor, { action: "topic.delete", entityType: "topic", entityId: id });
  });
  await ctx.bus.publish("topics.changed", { orgId: actor.orgId });
}

/** A topic ready for matching. */
export interface MatchableTopic {
  id: string;
  query: CompiledQuery;
}

/** The organisation's topics, compiled for matching posts; a stored query that no longer parses is skipped. */
export async function loadMatchableTopics(ctx: AppContext, orgId: string): Promise<MatchableTopic[]> {
  const rows = await repo.listTopics(ctx.db, orgId);
  const out: MatchableTopic[] = [];
  for (const row of rows) {
    const parsed = parseQuery(row.query);
    if (parsed.ok) out.push({ id: row.id, query: compileQuery(parsed.ast) });
    else
      categoryLogger(ctx.log, "pipeline").warn(
        { topicId: row.id, error: parsed.error },
        "stored topic query does not parse; skipped",
      );
  }
  return out;
}

/** Ids and names of an organisation's topics, for work done on its behalf (alert checks). */
export async function topicNamesOf(ctx: AppContext, orgId: string): Promise<{ id: string; name: string }[]> {
  return (await repo.listTopics(ctx.db, orgId)).map((row) => ({ id: row.id, name: row.name }));
}

/** The words the organisation's topics look for, for connectors whose platform search needs terms. */
export async function loadMatchableTopicWords(ctx: AppContext, orgId: string): Promise<string[]> {
  const words = new Set<string>();
  for (const row of await repo.listTopics(ctx.db, orgId)) {
    const parsed = parseQuery(row.query);
    if (parsed.ok) for (const word of queryWords(parsed.ast)) words.add(word);
  }
  return [...words];
}
