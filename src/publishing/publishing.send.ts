// Sending an approved draft through its connector, and what follows a sent reply: the inbox notes the
// response, the incidents of the conversation get a timeline entry. The platform is called outside any
// database transaction; the draft is claimed first (`sending`), so no second request can post it again.
import { z } from "zod";
import { recordAudit } from "../audit/audit.service.ts";
import { type Connector, ConnectorError, type PublishInput } from "../connectors/connector.ts";
import { openConnectorAccount } from "../connectors/connectors.service.ts";
import { noteReplySent } from "../inbox/inbox.service.ts";
import { incidentIdsForConversation, recordIncidentEvent } from "../incidents/incidents.timeline.ts";
import { type Actor, actorLabel } from "../orgs/orgs.policy.ts";
import { workspaceKind } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError } from "../platform/http/errors.ts";
import { categoryLogger } from "../platform/logger.ts";
import { type OutboundPolicy, requestOutbound } from "../platform/net/outbound.ts";
import { publishIngested } from "../posts/posts.service.ts";
import { getRiskProfile } from "../risk/risk.service.ts";
import * as repo from "./publishing.repo.ts";

// biome-ignore lint/suspicious/noExplicitAny: settings and secrets are validated by each connector's zod schemas
type AnyConnector = Connector<any, any>;

/** How long a send may hold a draft; a send that crashed can be retried after. */
const claimMs = 2 * 60_000;
const publishTimeoutMs = 60_000;

/** Why a draft cannot go out through its connector (then it is sent by hand), or the opened connector. */
async function sendingAccount(ctx: AppContext, row: repo.DraftRow) {
  // In an exercise workspace every send is simulated: nothing may reach a real platform.
  if ((await workspaceKind(ctx, row.orgId)).kind === "exercise") return simulatedAccount(ctx, row);
  if (!row.connectorId) return { byHand: "no connector chosen" } as const;
  const account = await openConnectorAccount(ctx, row.orgId, row.connectorId);
  if (!account) return { byHand: "the connector was deleted" } as const;
  const connector: AnyConnector | undefined = account.connector;
  if (!connector?.publish) return { byHand: `${account.kind} connectors cannot publish` } as const;
  return { connector, account } as const;
}

/**
 * The training simulation's stand-in for a connector: "publishing" puts the text into the exercise
 * workspace's own stream as a post of the organisation's first official account, answering the post on its
 * platform, so the trainees (and the scenario's branches) see the reply where a real one would appear.
 */
async function simulatedAccount(ctx: AppContext, row: repo.DraftRow) {
  const target = row.inReplyToPostId
    ? await repo.findReplyTarget(ctx.db, row.orgId, row.inReplyToPostId)
    : null;
  const platform = (target?.platform ?? "x") as AnyConnector["platform"];
  const profile = await getRiskProfile(ctx, row.orgId);
  const handle = profile.officialAccounts[0]?.handle ?? "brand";
  const connector: AnyConnector = {
    kind: "training",
    platform,
    mode: "push",
    title: { de: "Übungssimulation", en: "Exercise simulation" },
    description: { de: "Sendet in die Übungsumgebung", en: "Sends into the exercise workspace" },
    config: z.object({}),
    secrets: z.object({}),
    pollSeconds: 3600,
    poll: async () => ({ posts: [], cursor: null }),
    publish: async (_config, _secrets, input) => {
      const externalId = `training-${input.idempotencyKey ?? ctx.ids.id()}`;
      await publishIngested(
        ctx,
        row.orgId,
        [
          {
            platform,
            externalId,
            text: input.text,
            postedAt: ctx.clock.now(),
            author: { handle, displayName: profile.brandNames[0] ?? handle },
            ...(input.lang !== "other" ? { lang: input.lang } : {}),
            ...(input.inReplyTo ? { inReplyTo: input.inReplyTo.externalId } : {}),
            raw: { simulated: true, draftId: row.id },
          },
        ],
        null,
      );
      return { externalId, url: null };
    },
  };
  return { connector, account: { settings: () => ({ config: {}, secrets: {} }) } } as const;
}

/** The post answered, as the connector needs it; a ConnectorError `config` when it lives on another platform. */
async function inReplyTo(ctx: AppContext, row: repo.DraftRow, connector: AnyConnector) {
  if (row.kind !== "reply" || !row.inReplyToPostId) return undefined;
  const post = await repo.findReplyTarget(ctx.db, row.orgId, row.inReplyToPostId);
  if (!post) throw new ConnectorError("the post answered was deleted", "config");
  if (post.platform !== connector.platform) {
    throw new ConnectorError(
      `the connector posts on ${connector.platform}, but the post answered is on ${post.platform}`,
      "config",
    );
  }
  return { externalId: post.externalId, url: post.url, raw: post.raw };
}

/**
 * Sends a draft that is approved (or failed before) through its connector: claims it, calls the platform,
 * and stores the outcome. A draft without a connector that can publish is marked to be sent by hand.
 */
export async function sendDraftNow(
  ctx: AppContext,
  deps: { policy: OutboundPolicy },
  actor: Actor,
  draft: repo.DraftRow,
): Promise<repo.DraftRow> {
  // Sending is connector traffic: its log lines sit with the connectors'.
  const log = categoryLogger(ctx.log, "connectors");
  const account = await sendingAccount(ctx, draft);
  if ("byHand" in account) {
    const marked = await repo.updateDraftIf(
      ctx.db,
      draft.orgId,
      draft.id,
      { states: ["approved", "failed"], version: draft.version },
      { state: "approved", sendByHand: true, updatedAt: ctx.clock.now() },
    );
    return marked ?? draft;
  }
  const now = ctx.clock.now();
  const claimed = await ctx.db.transaction((tx) =>
    repo.claimForSend(tx, draft.orgId, draft.id, now, new Date(now.getTime() + claimMs)),
  );
  if (!claimed) {
    const current = await repo.findDraft(ctx.db, draft.orgId, draft.id);
    if (current?.state === "sent") return current;
    throw new AppError("conflict", "The draft is being sent right now or was changed; reload it");
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), publishTimeoutMs);
  try {
    const { config, secrets } = account.account.settings();
    const target = await inReplyTo(ctx, claimed, account.connector);
    const input: PublishInput = {
      text: claimed.text,
      lang: claimed.lang as PublishInput["lang"],
      ...(target ? { inReplyTo: target } : {}),
      // One key per draft version: a retry of the same text is the same post to the platform.
      idempotencyKey: `brandwache-${claimed.id}-v${claimed.version}`,
    };
    const publish = account.connector.publish;
    if (!publish) throw new ConnectorError("the connector cannot publish", "config");
    const result = await publish(config, secrets, input, {
      request: (req, options) => requestOutbound(req, { policy: deps.policy, ...(options ?? {}) }),
      now: () => ctx.clock.now(),
      signal: abort.signal,
      searchTerms: [],
    });
    const incidents = claimed.conversationId
      ? await incidentIdsForConversation(ctx.db, claimed.orgId, claimed.conversationId)
      : [];
    return await ctx.db.transaction(async (tx) => {
      const sentAt = ctx.clock.now();
      const sent = await repo.updateDraftIf(
        tx,
        claimed.orgId,
        claimed.id,
        { states: ["sending"] },
        {
          state: "sent",
          sentAt,
          sentBy: actorLabel(actor),
          externalId: result.externalId,
          externalUrl: result.url,
          attempts: claimed.attempts + 1,
          lastError: null,
          lastErrorKind: null,
          retryAfter: null,
          lockedUntil: null,
          updatedAt: sentAt,
        },
      );
      if (!sent) throw new AppError("conflict", "The draft changed while it was sent");
      await afterSent(tx, ctx, actor, sent, incidents, account.connector.platform);
      return sent;
    });
  } catch (error) {
    if (!(error instanceof ConnectorError) && !(error instanceof Error && error.name === "AbortError")) {
      log.error({ err: error, draftId: draft.id }, "sending a draft failed unexpectedly");
    }
    const kind = error instanceof ConnectorError ? error.kind : "transient";
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const at = ctx.clock.now();
    const retryAfterMs = error instanceof ConnectorError ? error.retryAfterMs : undefined;
    const failed = await ctx.db.transaction(async (tx) => {
      const updated = await repo.updateDraftIf(
        tx,
        claimed.orgId,
        claimed.id,
        { states: ["sending"] },
        {
          state: "failed",
          attempts: claimed.attempts + 1,
          lastError: message,
          lastErrorKind: kind,
          retryAfter: retryAfterMs !== undefined ? new Date(at.getTime() + retryAfterMs) : null,
          lockedUntil: null,
          updatedAt: at,
        },
      );
      await recordAudit(tx, ctx, actor, {
        action: "draft.send_failed",
        entityType: "draft",
        entityId: claimed.id,
        detail: { version: claimed.version, kind, error: message },
      });
      return updated;
    });
    log.warn({ draftId: draft.id, kind, error: message }, "draft not sent");
    return failed ?? claimed;
  } finally {
    clearTimeout(timer);
  }
}

/** The audit entry of a sent draft, and for a reply the inbox's note and the incidents' timeline entries. */
async function afterSent(
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  sent: repo.DraftRow,
  incidentIds: string[],
  platform: string,
) {
  await recordAudit(tx, ctx, actor, {
    action: "draft.send",
    entityType: "draft",
    entityId: sent.id,
    detail: {
      version: sent.version,
      platform,
      externalId: sent.externalId,
      url: sent.externalUrl,
      byHand: sent.sendByHand,
      author: sent.author,
      approvedBy: sent.approvedBy,
      approvedAt: sent.approvedAt?.toISOString() ?? null,
    },
  });
  if (sent.kind !== "reply" || !sent.conversationId || !sent.sentAt) return;
  await noteReplySent(tx, ctx, {
    orgId: sent.orgId,
    conversationId: sent.conversationId,
    sentAt: sent.sentAt,
    actor,
  });
  for (const incidentId of incidentIds) {
    await recordIncidentEvent(tx, ctx, {
      orgId: sent.orgId,
      incidentId,
      kind: "reply_sent",
      actor,
      title: { de: "Antwort gesendet", en: "Reply sent" },
      entityType: "draft",
      entityId: sent.id,
      detail: { text: sent.text, url: sent.externalUrl, platform, approvedBy: sent.approvedBy },
    });
  }
}

/** Marks a draft sent by hand as published, with the same follow-up as a send through a connector. */
export async function markSentByHand(
  ctx: AppContext,
  actor: Actor,
  draft: repo.DraftRow,
  url: string | null,
): Promise<repo.DraftRow> {
  const incidents = draft.conversationId
    ? await incidentIdsForConversation(ctx.db, draft.orgId, draft.conversationId)
    : [];
  return ctx.db.transaction(async (tx) => {
    const sentAt = ctx.clock.now();
    const sent = await repo.updateDraftIf(
      tx,
      draft.orgId,
      draft.id,
      { states: ["approved"], version: draft.version },
      { state: "sent", sentAt, sentBy: actorLabel(actor), externalUrl: url, updatedAt: sentAt },
    );
    if (!sent) throw new AppError("conflict", "The draft changed meanwhile; reload it");
    await afterSent(tx, ctx, actor, sent, incidents, "by hand");
    return sent;
  });
}
