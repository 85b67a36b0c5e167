// Works off the delivery outbox: claims due deliveries (several processes may do so at once), sends each
// through its channel, and records the outcome. Failures are retried with growing delays and stay visible.
import type { AlertMessage } from "../core/alerts/render.ts";
import { organisationName } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import { topicNamesOf } from "../topics/topics.service.ts";
import * as repo from "./alerts.repo.ts";
import { AlertChannelConfig } from "./alerts.schema.ts";
import { bilingual, causePath } from "./alerts.service.ts";

/** Sends one message through one channel; throws on failure (`retryable: false` marks a permanent one). */
export type SendAlert = (config: AlertChannelConfig, message: AlertMessage) => Promise<void>;

/** Delay before the next try after the n-th failed attempt (n = 1…); after the last, the delivery fails. */
export const retryDelaysMs: readonly number[] = [30_000, 2 * 60_000, 8 * 60_000, 32 * 60_000, 2 * 3_600_000];

/** Attempts in all: the first and one per retry delay. */
export const maxAttempts = retryDelaysMs.length + 1;

// A dispatcher that dies mid-send releases its claim after this long; another takes the delivery over.
export const claimMs = 2 * 60_000;
// A send may take its channel's timeouts (10 s each for a webhook's request, an SMTP server's connection and
// greeting); a pass starts no send with less of its claim left than this, so no delivery is taken over while
// it is still being sent. The rest go back to the outbox for the next pass.
export const claimReserveMs = 30_000;

/** What one pass over the outbox did. */
export interface DispatchResult {
  sent: number;
  /** Failed attempts that will be tried again. */
  retrying: number;
  /** Deliveries given up (permanent error or attempts used up). */
  failed: number;
}

/** How the app links to an alert. */
export function alertUrl(publicUrl: string, alertId: string): string {
  return `${publicUrl.replace(/\/+$/u, "")}/alerts?alert=${encodeURIComponent(alertId)}`;
}

/**
 * Where a message about the alert points: the cause's own page when the alert names one (a conversation whose
 * service level was missed, an incident whose legal clock runs out — an app path like `/inbox/<id>`), else the alert.
 */
export function alertTargetUrl(publicUrl: string, alert: Pick<repo.AlertRow, "id" | "detail">): string {
  const link = causePath(alert);
  return link ? `${publicUrl.replace(/\/+$/u, "")}${link}` : alertUrl(publicUrl, alert.id);
}

/** The message of an alert as every channel renders it. */
export function messageOf(
  alert: repo.AlertRow,
  deliveryId: string,
  orgName: string,
  topicName: string | null,
  publicUrl: string,
): AlertMessage {
  return {
    alertId: alert.id,
    deliveryId,
    orgName,
    topicName,
    severity: alert.severity as AlertMessage["severity"],
    trigger: alert.trigger as AlertMessage["trigger"],
    title: bilingual(alert.detail.title, alert.title),
    explanation: bilingual(alert.detail.explanation, ""),
    createdAt: alert.createdAt.toISOString(),
    url: alertTargetUrl(publicUrl, alert),
    postIds: alert.postIds,
    test: false,
  };
}

function describe(error: unknown): { message: string; retryable: boolean } {
  const message = error instanceof Error ? error.message : String(error);
  const retryable =
    typeof error === "object" && error !== null && "retryable" in error ? Boolean(error.retryable) : true;
  // Kept short: it is shown in the app; the log has the rest.
  return { message: message.slice(0, 500), retryable };
}

/** One pass: claims up to `limit` due deliveries and sends them. */
export async function dispatchDueDeliveries(
  ctx: AppContext,
  send: SendAlert,
  options: { publicUrl: string; limit?: number },
): Promise<DispatchResult> {
  const log = categoryLogger(ctx.log, "alerts");
  const now = ctx.clock.now();
  const claimedUntil = new Date(now.getTime() + claimMs);
  const claimed = await ctx.db.transaction((tx) =>
    repo.claimDueDeliveries(tx, now, claimedUntil, options.limit ?? 20),
  );
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
  // An alert usually goes to several channels: read each organisation's names once per pass.
  const names = new Map<string, Promise<{ org: string; topics: Map<string, string> }>>();
  const namesOf = (orgId: string) => {
    let found = names.get(orgId);
    if (!found) {
      found = Promise.all([organisationName(ctx, orgId), topicNamesOf(ctx, orgId)]).then(([org, topics]) => ({
        org: org ?? "Brandwache",
        topics: new Map(topics.map((t) => [t.id, t.name])),
      }));
      names.set(orgId, found);
    }
    return found;
  };
  for (const [index, delivery] of claimed.entries()) {
    if (claimedUntil.getTime() - ctx.clock.now().getTime() < claimReserveMs) {
      const rest = claimed.slice(index).map((d) => d.id);
      await repo.releaseClaims(ctx.db, rest, claimedUntil);
      log.warn(
        { released: rest.length, claimMs },
        "alert deliveries given back unsent: this pass's claim runs out soon (slow channels)",
      );
      break;
    }
    const attempts = delivery.attempts + 1;
    const finish = async (set: Partial<repo.AlertDeliveryRow>) => {
      const recorded = await repo.updateClaimedDelivery(ctx.db, delivery.id, claimedUntil, {
        attempts,
        lockedUntil: null,
        ...set,
      });
      if (!recorded) {
        log.warn(
          { deliveryId: delivery.id, alertId: delivery.alertId, state: set.state ?? "pending" },
          "alert delivery was taken over by another dispatcher before this outcome was recorded",
        );
      }
    };
    const alert = await repo.findAlert(ctx.db, delivery.orgId, delivery.alertId);
    const [channel] = delivery.channelId
      ? await repo.findChannels(ctx.db, delivery.orgId, [delivery.channelId])
      : [];
    const config = channel ? AlertChannelConfig.safeParse(channel.config) : undefined;
    if (!alert || !channel || !config?.success) {
      await finish({
        state: "failed",
        lastError: "the channel was deleted or its settings are invalid",
        nextAttemptAt: null,
      });
      result.failed++;
      continue;
    }
    const { org: orgName, topics } = await namesOf(alert.orgId);
    const topicName = alert.topicId ? (topics.get(alert.topicId) ?? null) : null;
    try {
      await send(config.data, messageOf(alert, delivery.id, orgName, topicName, options.publicUrl));
      await finish({ state: "sent", sentAt: ctx.clock.now(), lastError: null, nextAttemptAt: null });
      result.sent++;
    } catch (error) {
      const { message, retryable } = describe(error);
      const delay = retryable ? retryDelaysMs[attempts - 1] : undefined;
      if (delay === undefined) {
        await finish({ state: "failed", lastError: message, nextAttemptAt: null });
        result.failed++;
        log.warn(
          { deliveryId: delivery.id, alertId: alert.id, kind: delivery.kind, attempts, error: message },
          "alert delivery failed",
        );
      } else {
        await finish({ lastError: message, nextAttemptAt: new Date(ctx.clock.now().getTime() + delay) });
        result.retrying++;
        log.info(
          { deliveryId: delivery.id, kind: delivery.kind, attempts, retryInMs: delay, error: message },
          "alert delivery will be retried",
        );
      }
    }
  }
  return result;
}

/** The dispatcher loop of one process: a pass every `intervalMs`, and at once when poked (a new alert). */
export function startDispatcher(
  ctx: AppContext,
  send: SendAlert,
  options: { publicUrl: string; intervalMs?: number },
): { poke(): void; stop(): Promise<void> } {
  const log = categoryLogger(ctx.log, "alerts");
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        // Keep going while passes find work, so a burst drains without waiting for the timer.
        for (;;) {
          again = false;
          const r = await dispatchDueDeliveries(ctx, send, options);
          if (stopped || (r.sent + r.retrying + r.failed === 0 && !again)) break;
        }
      } catch (error) {
        log.error({ err: error }, "alert dispatch failed; trying again at the next interval");
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(pass, options.intervalMs ?? 5_000);
  timer.unref();
  return {
    poke: pass,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
