import { z } from "zod";
import { recordAudit } from "../audit/audit.service.ts";
import { verifyWebhookSignature } from "../core/alerts/render.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { canManageConnectors } from "../orgs/orgs.policy.ts";
import { assertLiveWorkspace } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, type FieldProblem, forbidden, notFound } from "../platform/http/errors.ts";
import { categoryLogger } from "../platform/logger.ts";
import { type OutboundPolicy, requestOutbound } from "../platform/net/outbound.ts";
import { PostCreate } from "../posts/posts.schema.ts";
import { ingestPosts, markDeletedByAuthor, publishIngested } from "../posts/posts.service.ts";
import { createConnectorSource, deleteSource, renameSource } from "../sources/sources.service.ts";
import { loadMatchableTopicWords } from "../topics/topics.service.ts";
import {
  type Connector,
  type ConnectorContext,
  ConnectorError,
  type ConnectorErrorKind,
  type PostInput,
} from "./connector.ts";
import { connectorKinds } from "./connectors.registry.ts";
import * as repo from "./connectors.repo.ts";
import type { ConnectorCreate, ConnectorRead, ConnectorUpdate } from "./connectors.schema.ts";
import { webhookConnector } from "./webhook/webhook.connector.ts";

// biome-ignore lint/suspicious/noExplicitAny: settings and secrets are validated by each connector's zod schemas
export type AnyConnector = Connector<any, any>;

/** Delay before retrying after the n-th consecutive failure (n = 1…): 30 s doubling, at most 30 minutes. */
export function backoffMs(consecutiveErrors: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, consecutiveErrors - 1), 30 * 60_000);
}

// Refused credentials or settings wait for a person, but are tried again hourly in case the platform recovers.
const humanFixMs = 60 * 60_000;

/** How long to wait before the next try after a failure of the given kind (the n-th in a row). */
export function retryWaitMs(
  kind: ConnectorErrorKind,
  consecutiveErrors: number,
  retryAfterMs?: number,
): number {
  return kind === "auth" || kind === "config" ? humanFixMs : (retryAfterMs ?? backoffMs(consecutiveErrors));
}
// A poll that takes longer than this is abandoned (its claim runs a little longer).
const pollTimeoutMs = 90_000;
const claimMs = 2 * 60_000;

// Push connectors are never due: they receive posts instead of fetching them.
const never = new Date("9999-12-31T00:00:00Z");
const firstRun = (connector: AnyConnector, now: Date) => (connector.mode === "push" ? never : now);

function kindOf(kind: string): AnyConnector {
  const connector = connectorKinds.get(kind);
  if (!connector) {
    throw new AppError("validation_failed", `Unknown connector kind ${kind}`, [
      { field: "kind", message: `one of ${[...connectorKinds.keys()].join(", ")}` },
    ]);
  }
  return connector;
}

function problems(error: z.ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].join("."), message: i.message }));
}

/** Checks settings and secrets against the connector's schemas; every problem names its field. */
function validate(connector: AnyConnector, config: unknown, secrets: unknown) {
  const parsedConfig = connector.config.safeParse(config);
  const parsedSecrets = connector.secrets.safeParse(secrets);
  const found = [
    ...(parsedConfig.success ? [] : problems(parsedConfig.error, "config")),
    ...(parsedSecrets.success ? [] : problems(parsedSecrets.error, "secrets")),
  ];
  if (found.length > 0)
    throw new AppError("validation_failed", "The connector's settings are not valid", found);
  return {
    config: parsedConfig.data as Record<string, unknown>,
    secrets: parsedSecrets.data as Record<string, unknown>,
  };
}

function present(row: repo.ConnectorRow, name: string, secretsSet: string[]): ConnectorRead {
  return {
    id: row.id,
    kind: row.kind,
    name,
    enabled: row.enabled,
    config: row.config,
    secretsSet,
    health: {
      state: row.state as ConnectorRead["health"]["state"],
      lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
      lastError: row.lastError,
      lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
      consecutiveErrors: row.consecutiveErrors,
      nextRunAt: row.nextRunAt.toISOString(),
      postsTotal: row.postsTotal,
    },
    createdAt: row.createdAt.toISOString(),
  };
}

function openSecrets(ctx: AppContext, row: repo.ConnectorRow): Record<string, unknown> {
  if (!row.secretsSealed) return {};
  return JSON.parse(ctx.secrets.open(row.secretsSealed)) as Record<string, unknown>;
}

/** Names of the secrets that are set (never their values). */
function secretNames(ctx: AppContext, row: repo.ConnectorRow): string[] {
  try {
    return Object.entries(openSecrets(ctx, row))
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k]) => k)
      .sort();
  } catch {
    return [];
  }
}

/** A connector as another domain uses it (publishing): id, name, kind, and the kind's implementation when installed. */
export interface ConnectorAccount {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  connector: AnyConnector | undefined;
}

/** The organisation's connectors for uses besides polling (choosing the account a reply goes out through). */
export async function connectorAccounts(ctx: AppContext, orgId: string): Promise<ConnectorAccount[]> {
  return (await repo.listConnectors(ctx.db, orgId)).map(({ row, name }) => ({
    id: row.id,
    name,
    kind: row.kind,
    enabled: row.enabled,
    connector: connectorKinds.get(row.kind),
  }));
}

/**
 * One connector opened for publishing: the account, and its settings and secrets checked with the kind's
 * schemas — a ConnectorError `config` naming every problem when they cannot be used. Undefined when gone.
 */
export async function openConnectorAccount(
  ctx: AppContext,
  orgId: string,
  id: string,
): Promise<(ConnectorAccount & { settings(): { config: unknown; secrets: unknown } }) | undefined> {
  const found = await repo.findConnector(ctx.db, orgId, id);
  if (!found) return undefined;
  const { row, name } = found;
  const connector = connectorKinds.get(row.kind);
  return {
    id: row.id,
    name,
    kind: row.kind,
    enabled: row.enabled,
    connector,
    settings() {
      if (!connector)
        throw new ConnectorError(`this installation has no connector of kind ${row.kind}`, "config");
      let secrets: Record<string, unknown>;
      try {
        secrets = openSecrets(ctx, row);
      } catch {
        throw new ConnectorError("the connector's secrets cannot be opened", "config");
      }
      try {
        return validate(connector, row.config, secrets);
      } catch (error) {
        const detail =
          error instanceof AppError
            ? error.errors.map((p) => `${p.field}: ${p.message}`).join("; ")
            : String(error);
        throw new ConnectorError(`the connector's settings cannot be used: ${detail}`, "config");
      }
    },
  };
}

/** The kinds on offer with their settings as JSON Schema. */
export function listKinds() {
  return [...connectorKinds.values()].map((c) => ({
    kind: c.kind,
    platform: c.platform,
    title: c.title,
    description: c.description,
    configSchema: z.toJSONSchema(c.config, { io: "input", unrepresentable: "any" }) as Record<
      string,
      unknown
    >,
    secretsSchema: z.toJSONSchema(c.secrets, { io: "input", unrepresentable: "any" }) as Record<
      string,
      unknown
    >,
    pollSeconds: c.pollSeconds,
  }));
}

/** The organisation's connectors with their health. */
export async function listConnectors(ctx: AppContext, actor: Actor): Promise<ConnectorRead[]> {
  return (await repo.listConnectors(ctx.db, actor.orgId)).map(({ row, name }) =>
    present(row, name, secretNames(ctx, row)),
  );
}

async function getConnector(ctx: AppContext, actor: Actor, id: string): Promise<ConnectorRead> {
  const found = await repo.findConnector(ctx.db, actor.orgId, id);
  if (!found) throw notFound("Connector");
  return present(found.row, found.name, secretNames(ctx, found.row));
}

/** Adds a connector (admins): settings checked, secrets sealed; it is polled at once. */
export async function createConnector(
  ctx: AppContext,
  actor: Actor,
  input: ConnectorCreate,
): Promise<ConnectorRead> {
  if (!canManageConnectors(actor)) throw forbidden("manage connectors");
  await assertLiveWorkspace(ctx, actor.orgId, "connect to platforms");
  const connector = kindOf(input.kind);
  const { config, secrets } = validate(connector, input.config, input.secrets);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const sourceId = await createConnectorSource(tx, ctx, actor.orgId, connector.kind, input.name);
    await repo.insertConnector(tx, {
      id: sourceId,
      orgId: actor.orgId,
      kind: connector.kind,
      enabled: input.enabled,
      config,
      secretsSealed: Object.keys(secrets).length > 0 ? ctx.secrets.seal(JSON.stringify(secrets)) : null,
      cursor: null,
      state: "new",
      lastSuccessAt: null,
      lastError: null,
      lastErrorAt: null,
      consecutiveErrors: 0,
      postsTotal: 0,
      nextRunAt: firstRun(connector, now),
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    });
    // The audit log records which secrets were set, never their values.
    await recordAudit(tx, ctx, actor, {
      action: "connector.create",
      entityType: "connector",
      entityId: sourceId,
      detail: { kind: connector.kind, name: input.name, config, secrets: Object.keys(secrets) },
    });
    return sourceId;
  });
  return getConnector(ctx, actor, id);
}

/** Changes a connector; changed settings start it afresh (new cursor and health). */
export async function updateConnector(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ConnectorUpdate,
): Promise<ConnectorRead> {
  if (!canManageConnectors(actor)) throw forbidden("manage connectors");
  await ctx.db.transaction(async (tx) => {
    const found = await repo.findConnector(tx, actor.orgId, id);
    if (!found) throw notFound("Connector");
    const connector = kindOf(found.row.kind);
    const secrets = input.secrets ?? openSecrets(ctx, found.row);
    const checked = validate(connector, input.config ?? found.row.config, secrets);
    const now = ctx.clock.now();
    const restart = input.config !== undefined || input.secrets !== undefined || input.enabled === true;
    await repo.updateConnector(tx, actor.orgId, id, {
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.config !== undefined ? { config: checked.config, cursor: null } : {}),
      ...(input.secrets !== undefined
        ? {
            secretsSealed:
              Object.keys(checked.secrets).length > 0
                ? ctx.secrets.seal(JSON.stringify(checked.secrets))
                : null,
          }
        : {}),
      ...(restart ? { state: "new", consecutiveErrors: 0, nextRunAt: firstRun(connector, now) } : {}),
      updatedAt: now,
    });
    if (input.name !== undefined) await renameSource(tx, actor.orgId, id, input.name);
    await recordAudit(tx, ctx, actor, {
      action: "connector.update",
      entityType: "connector",
      entityId: id,
      detail: { ...input, secrets: input.secrets ? Object.keys(input.secrets) : undefined },
    });
  });
  return getConnector(ctx, actor, id);
}

/** Deletes a connector; the posts it brought stay. */
export async function deleteConnector(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!canManageConnectors(actor)) throw forbidden("manage connectors");
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.findConnector(tx, actor.orgId, id))) throw notFound("Connector");
    await deleteSource(tx, actor.orgId, id);
    await recordAudit(tx, ctx, actor, { action: "connector.delete", entityType: "connector", entityId: id });
  });
}

/** What polling needs besides the database: the SSRF policy and, optionally, counters for /metrics. */
export interface PollDeps {
  policy: OutboundPolicy;
  metrics?: { connectorPolled(kind: string, outcome: string, posts: number): void };
  /** The connector kinds by name; default the registry (tests add fake kinds here). */
  kinds?: ReadonlyMap<string, AnyConnector>;
}

/** The outcome of one poll. */
export interface PollOutcome {
  posts: number;
  /** Mapped posts the Post model refused (counted, skipped). */
  rejected: number;
  state: ConnectorRead["health"]["state"];
  error: string | null;
}

/** What a poll's or a connection's failure means: its kind (a ConnectorError's, `config` for SSRF refusals, else `transient`). */
export function classifyFailure(error: unknown): {
  kind: ConnectorErrorKind;
  message: string;
  retryAfterMs?: number;
} {
  if (error instanceof ConnectorError) {
    return {
      kind: error.kind,
      message: error.message,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  // The SSRF guard's refusals are settings to fix, not outages to retry.
  const blocked =
    typeof error === "object" && error !== null && "reason" in error && error.reason === "blocked";
  return { kind: blocked ? "config" : "transient", message };
}

/**
 * A stored connector's settings and secrets, checked with its kind's schemas; a ConnectorError `config`
 * naming every problem when they cannot be used.
 */
export function usableSettings(
  ctx: AppContext,
  row: repo.ConnectorRow,
  connector: AnyConnector,
): { config: Record<string, unknown>; secrets: Record<string, unknown> } {
  try {
    return validate(connector, row.config, openSecrets(ctx, row));
  } catch (error) {
    const detail =
      error instanceof AppError
        ? error.errors.map((p) => `${p.field}: ${p.message}`).join("; ")
        : String(error);
    throw new ConnectorError(`settings or secrets cannot be used: ${detail}`, "config");
  }
}

/** What a connector of the organisation may use: the guarded client, the clock, the signal, the topics' words. */
export async function connectorContext(
  ctx: AppContext,
  orgId: string,
  deps: PollDeps,
  signal: AbortSignal,
): Promise<ConnectorContext> {
  const searchTerms = await loadMatchableTopicWords(ctx, orgId);
  return {
    request: (req, options) => requestOutbound(req, { policy: deps.policy, ...(options ?? {}) }),
    now: () => ctx.clock.now(),
    signal,
    searchTerms,
  };
}

/** What a hand-over did: posts sent into the pipeline, posts the Post model refused, deletions marked. */
export interface HandOver {
  published: number;
  rejected: number;
  deleted: number;
}

/**
 * Hands what a poll or a live connection brought to the pipeline: each post is checked with the Post
 * model (one that fails is counted and skipped) and published; the ids the platform reports as deleted
 * are marked on the stored posts (ids not stored yet are ignored).
 */
export async function handOver(
  ctx: AppContext,
  row: Pick<repo.ConnectorRow, "id" | "orgId" | "kind">,
  connector: AnyConnector,
  batch: { posts: PostInput[]; deleted?: string[] | undefined },
): Promise<HandOver> {
  let rejected = 0;
  const valid: PostCreate[] = [];
  for (const candidate of batch.posts) {
    const parsed = PostCreate.safeParse(candidate);
    if (parsed.success) valid.push(parsed.data);
    else rejected++;
  }
  await publishIngested(ctx, row.orgId, valid, row.id);
  const published = valid.length;
  if (rejected > 0)
    categoryLogger(ctx.log, "connectors").warn(
      { connectorId: row.id, kind: row.kind, rejected },
      "mapped posts refused by the Post model",
    );
  const deleted =
    batch.deleted && batch.deleted.length > 0
      ? await markDeletedByAuthor(ctx, row.orgId, connector.platform, batch.deleted)
      : 0;
  return { published, rejected, deleted };
}

/**
 * Polls once with a time limit and hands the result over; throws what the connector threw. The caller
 * stores the cursor and health.
 */
export async function pollAndHandOver(
  ctx: AppContext,
  row: repo.ConnectorRow,
  connector: AnyConnector,
  settings: { config: unknown; secrets: unknown },
  cursor: unknown,
  deps: PollDeps,
  signal?: AbortSignal,
): Promise<HandOver & { cursor: unknown; more: boolean }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), pollTimeoutMs);
  const stop = () => abort.abort();
  signal?.addEventListener("abort", stop);
  try {
    const connectorCtx = await connectorContext(ctx, row.orgId, deps, abort.signal);
    const result = await connector.poll(settings.config, settings.secrets, cursor, connectorCtx);
    const done = await handOver(ctx, row, connector, result);
    return { ...done, cursor: result.cursor ?? null, more: result.more === true };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", stop);
  }
}

/**
 * Polls one claimed connector: opens its secrets, calls the platform, sends the posts into the pipeline,
 * marks the posts it reports deleted, stores the cursor and health, and schedules the next poll (at once
 * when the platform has more, after the poll interval otherwise, later with back-off or Retry-After after
 * failures). Releases the claim.
 */
export async function pollClaimed(
  ctx: AppContext,
  row: repo.ConnectorRow,
  deps: PollDeps,
): Promise<PollOutcome> {
  const log = categoryLogger(ctx.log, "connectors");
  const connector = (deps.kinds ?? connectorKinds).get(row.kind);
  const started = ctx.clock.now();
  const finish = async (set: Partial<repo.ConnectorRow>) =>
    repo.updateConnector(ctx.db, row.orgId, row.id, {
      ...set,
      lockedUntil: null,
      updatedAt: ctx.clock.now(),
    });
  const fail = async (
    kind: ConnectorErrorKind,
    message: string,
    retryAfterMs?: number,
  ): Promise<PollOutcome> => {
    const consecutiveErrors = row.consecutiveErrors + 1;
    const wait = retryWaitMs(kind, consecutiveErrors, retryAfterMs);
    await finish({
      state: kind,
      lastError: message.slice(0, 500),
      lastErrorAt: ctx.clock.now(),
      consecutiveErrors,
      nextRunAt: new Date(ctx.clock.now().getTime() + wait),
    });
    deps.metrics?.connectorPolled(row.kind, kind, 0);
    log.warn(
      { connectorId: row.id, kind: row.kind, state: kind, error: message, retryInMs: wait },
      "connector poll failed",
    );
    return { posts: 0, rejected: 0, state: kind, error: message };
  };
  if (!connector) return fail("config", `this installation has no connector of kind ${row.kind}`);
  try {
    const settings = usableSettings(ctx, row, connector);
    const result = await pollAndHandOver(ctx, row, connector, settings, row.cursor, deps);
    const interval = result.more ? 0 : connector.pollSeconds * 1000;
    await finish({
      cursor: result.cursor,
      state: "ok",
      lastSuccessAt: ctx.clock.now(),
      consecutiveErrors: 0,
      postsTotal: row.postsTotal + result.published,
      nextRunAt: new Date(started.getTime() + interval),
    });
    deps.metrics?.connectorPolled(row.kind, "ok", result.published);
    return { posts: result.published, rejected: result.rejected, state: "ok", error: null };
  } catch (error) {
    const { kind, message, retryAfterMs } = classifyFailure(error);
    return fail(kind, message, retryAfterMs);
  }
}

/** Polls a connector now (admins), unless a runner is polling it at this moment. */
export async function pollNow(ctx: AppContext, actor: Actor, id: string, deps: PollDeps) {
  if (!canManageConnectors(actor)) throw forbidden("poll connectors");
  const now = ctx.clock.now();
  const row = await ctx.db.transaction((tx) =>
    repo.claimConnector(tx, actor.orgId, id, now, new Date(now.getTime() + claimMs)),
  );
  if (!row) {
    const found = await repo.findConnector(ctx.db, actor.orgId, id);
    if (!found) throw notFound("Connector");
    if (found.row.state === "live")
      throw new AppError("conflict", "The connector is connected live: its posts arrive as they are written");
    throw new AppError("conflict", "The connector is being polled right now; try again in a moment");
  }
  const outcome = await pollClaimed(ctx, row, deps);
  return { posts: outcome.posts, health: (await getConnector(ctx, actor, id)).health };
}

/** One pass of the runner: claims due connectors of every organisation and polls them one after another. */
export async function pollDueConnectors(ctx: AppContext, deps: PollDeps, limit = 5): Promise<PollOutcome[]> {
  const now = ctx.clock.now();
  const claimed = await ctx.db.transaction((tx) =>
    repo.claimDueConnectors(tx, now, new Date(now.getTime() + claimMs), limit),
  );
  const outcomes: PollOutcome[] = [];
  for (const row of claimed) outcomes.push(await pollClaimed(ctx, row, deps));
  return outcomes;
}

/** Enabled connectors per kind and state, for /metrics. */
export async function connectorStates(ctx: AppContext) {
  return repo.countByState(ctx.db);
}

/** The outcome of a push to the generic webhook. */
export interface WebhookOutcome {
  accepted: number;
  rejected: number;
  problems: { line: number; field: string; message: string }[];
}

const WebhookBody = z.object({ posts: z.array(z.unknown()).min(1).max(1000) });
const signatureToleranceSec = 300;

/**
 * Receives posts pushed to a webhook connector. The signature is checked before anything else; an unknown
 * connector, a disabled one and a bad signature all answer the same 401, so the endpoint reveals nothing.
 */
export async function receiveWebhook(
  ctx: AppContext,
  id: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
): Promise<WebhookOutcome> {
  const refused = new AppError(
    "unauthorized",
    "Missing or invalid signature (X-Brandwache-Timestamp, X-Brandwache-Signature)",
  );
  const row = await repo.findConnectorById(ctx.db, id);
  if (row?.kind !== "webhook" || !row.enabled || !headers.timestamp || !headers.signature) throw refused;
  const secrets = webhookConnector.secrets.safeParse(openSecrets(ctx, row));
  const nowSec = Math.floor(ctx.clock.now().getTime() / 1000);
  if (
    !secrets.success ||
    !verifyWebhookSignature(
      secrets.data.signingSecret,
      headers.signature,
      headers.timestamp,
      rawBody,
      nowSec,
      signatureToleranceSec,
    )
  ) {
    throw refused;
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new AppError("validation_failed", "The body is not JSON", [
      { field: "(body)", message: "not JSON" },
    ]);
  }
  const parsed = WebhookBody.safeParse(body);
  if (!parsed.success)
    throw new AppError(
      "validation_failed",
      "Expected { posts: [...] } with 1 to 1,000 posts",
      problems(parsed.error, "body").map((p) => ({
        ...p,
        field: p.field.replace(/^body\.?/u, "") || "(body)",
      })),
    );
  const result = await ingestPosts(ctx, { orgId: row.orgId, system: true }, parsed.data.posts, {
    sourceId: row.id,
  });
  await repo.updateConnector(ctx.db, row.orgId, row.id, {
    state: "ok",
    lastSuccessAt: ctx.clock.now(),
    postsTotal: row.postsTotal + result.accepted,
    updatedAt: ctx.clock.now(),
  });
  return result;
}
