import { recordAudit } from "../audit/audit.service.ts";
import { type AlertCandidate, mergePostIds, raiseOrFold } from "../core/alerts/rules.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import {
  actorLabel,
  canHandleAlerts,
  canManageAlertChannels,
  canManageAlertRules,
} from "../orgs/orgs.policy.ts";
import { assertLiveWorkspace } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { getTopic } from "../topics/topics.service.ts";
import * as repo from "./alerts.repo.ts";
import {
  AlertChannelConfig,
  type AlertChannelCreate,
  type AlertChannelRead,
  type AlertChannelUpdate,
  AlertCondition,
  type AlertDeliveryRead,
  type AlertListQuery,
  type AlertRead,
  type AlertRuleCreate,
  type AlertRuleRead,
  type AlertRuleUpdate,
  type AlertSeverity,
  type AlertState,
} from "./alerts.schema.ts";

type Bilingual = { de: string; en: string };

function presentRule(row: repo.AlertRuleRow): AlertRuleRead {
  return {
    id: row.id,
    name: row.name,
    topicId: row.topicId,
    condition: AlertCondition.parse(row.condition),
    severity: row.severity as AlertSeverity,
    cooldownMinutes: row.cooldownMinutes,
    channelIds: row.channelIds,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What a channel reaches, without secrets: the recipients, or only the host of a URL (its path is a secret). */
export function channelTarget(config: AlertChannelConfig): string {
  if (config.kind === "email") return config.to.join(", ");
  return new URL(config.url).host;
}

function presentChannel(row: repo.AlertChannelRow): AlertChannelRead {
  const config = AlertChannelConfig.parse(row.config);
  return {
    id: row.id,
    name: row.name,
    kind: config.kind,
    target: channelTarget(config),
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentDelivery(row: repo.AlertDeliveryRow): AlertDeliveryRead {
  return {
    id: row.id,
    channelId: row.channelId,
    channelName: row.channelName,
    kind: row.kind as AlertDeliveryRead["kind"],
    state: row.state as AlertDeliveryRead["state"],
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.state === "pending" && row.nextAttemptAt ? row.nextAttemptAt.toISOString() : null,
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** A stored `{ de, en }` text, or the fallback in both languages when it is missing or malformed. */
export function bilingual(value: unknown, fallback: string): Bilingual {
  if (typeof value === "object" && value !== null && "de" in value && "en" in value) {
    const { de, en } = value as Record<string, unknown>;
    if (typeof de === "string" && typeof en === "string") return { de, en };
  }
  return { de: fallback, en: fallback };
}

/**
 * Where the alert's cause is in the app, when it names one: a path like `/inbox/<id>` (a conversation that
 * missed its service level), `/incidents/<id>` (a deadline) or `/reports?from=…&to=…` (a scheduled report).
 */
export function causePath(alert: Pick<repo.AlertRow, "detail">): string | null {
  const figures = alert.detail.figures as Record<string, unknown> | undefined;
  const link = figures?.link;
  return typeof link === "string" && /^\/[a-z]/u.test(link) && !link.startsWith("//") ? link : null;
}

function presentAlert(row: repo.AlertRow, deliveries: repo.AlertDeliveryRow[]): AlertRead {
  return {
    id: row.id,
    topicId: row.topicId,
    ruleId: row.ruleId,
    trigger: row.trigger as AlertRead["trigger"],
    state: row.state as AlertState,
    severity: row.severity as AlertSeverity,
    title: bilingual(row.detail.title, row.title),
    explanation: bilingual(row.detail.explanation, ""),
    postIds: row.postIds,
    link: causePath(row),
    occurrences: row.occurrences,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy,
    deliveries: deliveries.map(presentDelivery),
  };
}

async function withDeliveries(tx: Tx, orgId: string, rows: repo.AlertRow[]): Promise<AlertRead[]> {
  const deliveries = await repo.deliveriesOf(
    tx,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    presentAlert(
      row,
      deliveries.filter((d) => d.alertId === row.id),
    ),
  );
}

/** Tells every process that the organisation's rules changed, so that cached ones are read again. */
async function rulesChanged(ctx: AppContext, orgId: string) {
  await ctx.bus.publish("alerts.changed", { orgId });
}

// ── Rules ─────────────────────────────────────────────────────────────────────────────────────────

/** A situation report covers the whole organisation: its rule takes no topic. */
function checkRuleScope(condition: AlertCondition, topicId: string | null) {
  if (condition.kind === "report_digest" && topicId) {
    throw new AppError("validation_failed", "A situation report covers every topic", [
      { field: "topicId", message: "a situation report covers every topic: leave the topic empty" },
    ]);
  }
}

async function checkRuleReferences(
  ctx: AppContext,
  actor: Actor,
  topicId: string | null | undefined,
  channelIds: readonly string[] | undefined,
) {
  if (topicId) {
    try {
      await getTopic(ctx, actor, topicId);
    } catch {
      throw new AppError("validation_failed", "Unknown topic", [
        { field: "topicId", message: `no topic ${topicId}` },
      ]);
    }
  }
  if (channelIds && channelIds.length > 0) {
    const found = new Set((await repo.findChannels(ctx.db, actor.orgId, channelIds)).map((c) => c.id));
    const problems = channelIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !found.has(id))
      .map(({ id, i }) => ({ field: `channelIds.${i}`, message: `no channel ${id}` }));
    if (problems.length > 0) throw new AppError("validation_failed", "Unknown channel", problems);
  }
}

/** The organisation's alert rules. */
export async function listRules(ctx: AppContext, actor: Actor): Promise<AlertRuleRead[]> {
  return (await repo.listRules(ctx.db, actor.orgId)).map(presentRule);
}

/** Creates an alert rule (managers and admins, or the system when it seeds a workspace). */
export async function createRule(
  ctx: AppContext,
  actor: Actor | { orgId: string; system: true },
  input: AlertRuleCreate,
): Promise<AlertRuleRead> {
  if (!("system" in actor)) {
    if (!canManageAlertRules(actor)) throw forbidden("manage alert rules");
    await checkRuleReferences(ctx, actor, input.topicId, input.channelIds);
  }
  checkRuleScope(input.condition, input.topicId ?? null);
  const now = ctx.clock.now();
  const row: repo.AlertRuleRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    name: input.name,
    topicId: input.topicId ?? null,
    condition: input.condition,
    severity: input.severity,
    cooldownMinutes: input.cooldownMinutes,
    channelIds: [...new Set(input.channelIds)],
    enabled: input.enabled,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertRule(tx, row);
    await recordAudit(tx, ctx, actor, {
      action: "alert_rule.create",
      entityType: "alert_rule",
      entityId: row.id,
      detail: input,
    });
  });
  await rulesChanged(ctx, actor.orgId);
  return presentRule(row);
}

/** Changes an alert rule. */
export async function updateRule(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AlertRuleUpdate,
): Promise<AlertRuleRead> {
  if (!canManageAlertRules(actor)) throw forbidden("manage alert rules");
  await checkRuleReferences(ctx, actor, input.topicId, input.channelIds);
  const read = await ctx.db.transaction(async (tx) => {
    const existing = await repo.findRule(tx, actor.orgId, id);
    if (!existing) throw notFound("Alert rule");
    checkRuleScope(
      input.condition ?? AlertCondition.parse(existing.condition),
      input.topicId === undefined ? existing.topicId : input.topicId,
    );
    const { channelIds, ...rest } = input;
    await repo.updateRule(tx, actor.orgId, id, {
      ...rest,
      ...(channelIds ? { channelIds: [...new Set(channelIds)] } : {}),
      updatedAt: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, actor, {
      action: "alert_rule.update",
      entityType: "alert_rule",
      entityId: id,
      detail: input,
    });
    const updated = await repo.findRule(tx, actor.orgId, id);
    if (!updated) throw notFound("Alert rule");
    return presentRule(updated);
  });
  await rulesChanged(ctx, actor.orgId);
  return read;
}

/** Deletes an alert rule; the alerts it raised stay. */
export async function deleteRule(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!canManageAlertRules(actor)) throw forbidden("manage alert rules");
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteRule(tx, actor.orgId, id))) throw notFound("Alert rule");
    await recordAudit(tx, ctx, actor, {
      action: "alert_rule.delete",
      entityType: "alert_rule",
      entityId: id,
    });
  });
  await rulesChanged(ctx, actor.orgId);
}

// ── Channels ──────────────────────────────────────────────────────────────────────────────────────

/** The organisation's delivery channels, without secrets. */
export async function listChannels(ctx: AppContext, actor: Actor): Promise<AlertChannelRead[]> {
  return (await repo.listChannels(ctx.db, actor.orgId)).map(presentChannel);
}

// The audit log keeps what changed, never a URL path or secret.
const auditedConfig = (config: AlertChannelConfig) => ({ kind: config.kind, target: channelTarget(config) });

/** Creates a delivery channel (admins). */
export async function createChannel(
  ctx: AppContext,
  actor: Actor,
  input: AlertChannelCreate,
): Promise<AlertChannelRead> {
  if (!canManageAlertChannels(actor)) throw forbidden("manage alert channels");
  await assertLiveWorkspace(ctx, actor.orgId, "send alerts outside the product");
  const now = ctx.clock.now();
  const row: repo.AlertChannelRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    name: input.name,
    kind: input.config.kind,
    config: input.config,
    enabled: input.enabled,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertChannel(tx, row);
    await recordAudit(tx, ctx, actor, {
      action: "alert_channel.create",
      entityType: "alert_channel",
      entityId: row.id,
      detail: { name: input.name, ...auditedConfig(input.config) },
    });
  });
  return presentChannel(row);
}

/** Changes a delivery channel; a new config replaces the old one whole. */
export async function updateChannel(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AlertChannelUpdate,
): Promise<AlertChannelRead> {
  if (!canManageAlertChannels(actor)) throw forbidden("manage alert channels");
  return ctx.db.transaction(async (tx) => {
    const [found] = await repo.findChannels(tx, actor.orgId, [id]);
    if (!found) throw notFound("Alert channel");
    const { config, ...rest } = input;
    await repo.updateChannel(tx, actor.orgId, id, {
      ...rest,
      ...(config ? { config, kind: config.kind } : {}),
      updatedAt: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, actor, {
      action: "alert_channel.update",
      entityType: "alert_channel",
      entityId: id,
      detail: { ...rest, ...(config ? auditedConfig(config) : {}) },
    });
    const [updated] = await repo.findChannels(tx, actor.orgId, [id]);
    if (!updated) throw notFound("Alert channel");
    return presentChannel(updated);
  });
}

/** Deletes a delivery channel; rules stop naming it, past deliveries keep its name. */
export async function deleteChannel(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!canManageAlertChannels(actor)) throw forbidden("manage alert channels");
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteChannel(tx, actor.orgId, id))) throw notFound("Alert channel");
    for (const rule of await repo.listRules(tx, actor.orgId)) {
      if (rule.channelIds.includes(id)) {
        await repo.updateRule(tx, actor.orgId, rule.id, {
          channelIds: rule.channelIds.filter((c) => c !== id),
        });
      }
    }
    await recordAudit(tx, ctx, actor, {
      action: "alert_channel.delete",
      entityType: "alert_channel",
      entityId: id,
    });
  });
  await rulesChanged(ctx, actor.orgId);
}

/** A channel's full config, for sending a test message (admins only, as for editing). */
export async function channelForTest(ctx: AppContext, actor: Actor, id: string) {
  if (!canManageAlertChannels(actor)) throw forbidden("test alert channels");
  const [row] = await repo.findChannels(ctx.db, actor.orgId, [id]);
  if (!row) throw notFound("Alert channel");
  return { id: row.id, name: row.name, config: AlertChannelConfig.parse(row.config) };
}

// ── Alerts ────────────────────────────────────────────────────────────────────────────────────────

/** A page of the organisation's alerts, newest first, with the count of open ones. */
export async function listAlerts(
  ctx: AppContext,
  actor: Actor,
  query: AlertListQuery,
): Promise<{ items: AlertRead[]; openCount: number }> {
  const before = query.before ? await repo.findAlert(ctx.db, actor.orgId, query.before) : undefined;
  if (query.before && !before) {
    throw new AppError("validation_failed", "Unknown alert", [
      { field: "before", message: `no alert ${query.before}` },
    ]);
  }
  const rows = await repo.listAlerts(ctx.db, actor.orgId, query, before, query.limit);
  return {
    items: await withDeliveries(ctx.db, actor.orgId, rows),
    openCount: await repo.countOpenAlerts(ctx.db, actor.orgId),
  };
}

/** One alert with its deliveries. */
export async function getAlert(ctx: AppContext, actor: Actor, id: string): Promise<AlertRead> {
  const row = await repo.findAlert(ctx.db, actor.orgId, id);
  if (!row) throw notFound("Alert");
  const [read] = await withDeliveries(ctx.db, actor.orgId, [row]);
  if (!read) throw notFound("Alert");
  return read;
}

/** Acknowledges, resolves or reopens an alert (agents and above). */
export async function updateAlertState(
  ctx: AppContext,
  actor: Actor,
  id: string,
  state: AlertState,
): Promise<AlertRead> {
  if (!canHandleAlerts(actor)) throw forbidden("handle alerts");
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findAlert(tx, actor.orgId, id);
    if (!row) throw notFound("Alert");
    if (row.state === state) return;
    const now = ctx.clock.now();
    const acknowledged =
      state === "open"
        ? { acknowledgedAt: null, acknowledgedBy: null }
        : row.acknowledgedAt
          ? {}
          : { acknowledgedAt: now, acknowledgedBy: actorLabel(actor) };
    await repo.updateAlert(tx, actor.orgId, id, { state, ...acknowledged, updatedAt: now });
    await recordAudit(tx, ctx, actor, {
      action: `alert.${state === "open" ? "reopen" : state === "acknowledged" ? "acknowledge" : "resolve"}`,
      entityType: "alert",
      entityId: id,
      detail: { from: row.state, to: state },
    });
  });
  return getAlert(ctx, actor, id);
}

/**
 * What a raise is serialised on. Without a cooldown every post of a post rule is an alert of its own (no
 * fold can happen), so only the same post must not raise twice: posts of one rule raise in parallel instead
 * of queueing behind each other in every worker, which under a storm delayed alerts by many seconds.
 */
export function lockKeyOf(candidate: AlertCandidate, cooldownMinutes: number): string {
  const [onlyPost] = candidate.postIds;
  if (cooldownMinutes === 0 && candidate.trigger === "priority_post" && candidate.postIds.length === 1)
    return `${candidate.dedupKey}:post:${onlyPost}`;
  return candidate.dedupKey;
}

/** The outcome of `raiseAlert`. */
export interface RaiseOutcome {
  orgId: string;
  alertId: string;
  /** `raised`: a new alert with deliveries queued; `folded`: the cause came back and was added to the last alert. */
  outcome: "raised" | "folded";
  /** Deliveries queued (raised only). */
  deliveries: number;
}

/**
 * Raises an alert for a rule's candidate or folds it into the last alert of the same cause (within the rule's
 * cooldown), in one transaction serialised per cause, so concurrent checks in several processes raise it once.
 * A new alert queues one delivery per enabled channel of the rule.
 */
export async function raiseAlert(
  ctx: AppContext,
  orgId: string,
  candidate: AlertCandidate,
  rule: { cooldownMinutes: number; channelIds: readonly string[] },
): Promise<RaiseOutcome> {
  return ctx.db.transaction(async (tx) => {
    await repo.lockCause(tx, orgId, lockKeyOf(candidate, rule.cooldownMinutes));
    // A post seen again (a redelivered bus message after a worker died) changes nothing.
    const [onlyPost] = candidate.postIds;
    if (candidate.trigger === "priority_post" && onlyPost !== undefined && candidate.ruleId !== null) {
      const known = await repo.alertOfRuleWithPost(tx, orgId, candidate.ruleId, onlyPost);
      if (known) return { orgId, alertId: known.id, outcome: "folded", deliveries: 0 };
    }
    const now = ctx.clock.now();
    // Without a cooldown nothing folds (raiseOrFold), so the previous alert of the cause is not read.
    const previous =
      rule.cooldownMinutes > 0 ? await repo.latestAlertOfCause(tx, orgId, candidate.dedupKey) : undefined;
    const rankOf = (row: repo.AlertRow) => (typeof row.detail.rank === "number" ? row.detail.rank : 0);
    const decision = raiseOrFold(
      candidate,
      previous && {
        state: previous.state as AlertState,
        rank: rankOf(previous),
        lastSeenMs: previous.lastSeenAt.getTime(),
        updatedMs: previous.updatedAt.getTime(),
      },
      now.getTime(),
      rule.cooldownMinutes,
    );
    const detail = {
      title: candidate.title,
      explanation: candidate.explanation,
      rank: candidate.rank,
      figures: candidate.figures,
    };
    if (decision === "fold" && previous) {
      const newPosts = candidate.postIds.filter((id) => !previous.postIds.includes(id));
      const counts = candidate.fresh && (candidate.postIds.length === 0 || newPosts.length > 0);
      await repo.updateAlert(tx, orgId, previous.id, {
        lastSeenAt: now,
        occurrences: previous.occurrences + (counts ? 1 : 0),
        postIds: mergePostIds(candidate.postIds, previous.postIds),
        // A resolved alert stays as it was closed; an open one shows the latest figures.
        ...(previous.state === "resolved"
          ? {}
          : { detail: { ...previous.detail, ...detail, rank: rankOf(previous) } }),
      });
      return { orgId, alertId: previous.id, outcome: "folded", deliveries: 0 };
    }
    const alertId = ctx.ids.id();
    await repo.insertAlert(tx, {
      id: alertId,
      orgId,
      topicId: candidate.topicId,
      ruleId: candidate.ruleId,
      trigger: candidate.trigger,
      state: "open",
      severity: candidate.severity,
      title: candidate.title.en,
      detail,
      postIds: mergePostIds(candidate.postIds, []),
      dedupKey: candidate.dedupKey,
      occurrences: 1,
      lastSeenAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      createdAt: now,
      updatedAt: now,
    });
    const channels = (await repo.findChannels(tx, orgId, rule.channelIds)).filter((c) => c.enabled);
    await repo.insertDeliveries(
      tx,
      channels.map((channel) => ({
        id: ctx.ids.id(),
        orgId,
        alertId,
        channelId: channel.id,
        channelName: channel.name,
        kind: channel.kind,
        state: "pending",
        attempts: 0,
        lastError: null,
        nextAttemptAt: now,
        lockedUntil: null,
        sentAt: null,
        createdAt: now,
      })),
    );
    await recordAudit(
      tx,
      ctx,
      { orgId, system: true },
      {
        action: "alert.raise",
        entityType: "alert",
        entityId: alertId,
        detail: { ruleId: candidate.ruleId, trigger: candidate.trigger, title: candidate.title.en },
      },
    );
    return { orgId, alertId, outcome: "raised", deliveries: channels.length };
  });
}

/** The enabled rules of one organisation, or of every organisation (the periodic check). */
export async function enabledRules(ctx: AppContext, orgId?: string) {
  const rows = orgId
    ? (await repo.listRules(ctx.db, orgId)).filter((r) => r.enabled)
    : await repo.listEnabledRules(ctx.db);
  return rows.map((row) => ({ ...presentRule(row), orgId: row.orgId }));
}
