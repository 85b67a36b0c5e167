// The inbox's background work: file newly assessed posts into conversations, raise an alert for each
// service level missed, and drop expired presence. Every process with alert loops runs it; the advisory
// lock of the sync and the breach marker on the conversation keep several processes from doing work twice.
import { raiseOperationalAlert } from "../alerts/alerts.operational.ts";
import type { RaiseOutcome } from "../alerts/alerts.service.ts";
import { bandOf } from "../core/sla/targets.ts";
import type { AppContext } from "../platform/context.ts";
import { type BackgroundJob, every } from "../platform/jobs.ts";
import { categoryLogger } from "../platform/logger.ts";
import * as repo from "./inbox.repo.ts";
import { expirePresence } from "./inbox.service.ts";
import { type SyncCounts, syncInbox } from "./inbox.sync.ts";

/** How often the inbox loop runs. */
export const inboxIntervalMs = 15_000;

const targetNames = {
  first_response: { de: "Erstantwort", en: "first response" },
  resolution: { de: "Lösung", en: "resolution" },
} as const;

const severityOf = (priority: number) => {
  const band = bandOf(priority);
  return band === "urgent" ? "critical" : band === "low" ? "info" : "warning";
};

/**
 * Raises `sla_breach` alerts for conversations whose first response or resolution is overdue, once per
 * conversation and target (the alert first, then the mark on the conversation: a crash in between raises
 * again, and the alert's deduplication folds it).
 */
export async function checkServiceLevels(ctx: AppContext): Promise<RaiseOutcome[]> {
  const now = ctx.clock.now();
  const outcomes: RaiseOutcome[] = [];
  for (const c of await repo.overdueConversations(ctx.db, now)) {
    const targets: ("first_response" | "resolution")[] = [];
    if (!c.firstRespondedAt && !c.firstResponseBreachedAt && c.firstResponseDueAt < now) {
      targets.push("first_response");
    }
    if (!c.resolvedAt && !c.resolutionBreachedAt && c.resolutionDueAt < now) targets.push("resolution");
    for (const target of targets) {
      const due = target === "first_response" ? c.firstResponseDueAt : c.resolutionDueAt;
      const name = targetNames[target];
      const dueText = (lang: "de" | "en") =>
        new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
          due,
        );
      outcomes.push(
        ...(await raiseOperationalAlert(ctx, c.orgId, {
          trigger: "sla_breach",
          dedupKey: `sla:${c.id}:${target}`,
          severity: severityOf(c.priority),
          title: {
            de: `Service-Level verfehlt: ${name.de} für #${c.ticket}`,
            en: `Service level missed: ${name.en} for #${c.ticket}`,
          },
          // The subject quotes a post: every channel renders it as text.
          explanation: {
            de: `„${c.subject}“ (${c.platform}) – ${name.de} war fällig am ${dueText("de")} UTC.`,
            en: `“${c.subject}” (${c.platform}) – ${name.en} was due ${dueText("en")} UTC.`,
          },
          figures: { ticket: c.ticket, priority: c.priority, dueAt: due.toISOString() },
          link: `/inbox/${c.id}`,
        })),
      );
      await repo.markBreach(ctx.db, c.orgId, c.id, target, now);
    }
  }
  return outcomes;
}

/** One pass of the inbox loop: sync, service-level check, presence clean-up. */
export async function runInboxOnce(ctx: AppContext): Promise<{ sync: SyncCounts; alerts: RaiseOutcome[] }> {
  const sync = await syncInbox(ctx);
  const alerts = await checkServiceLevels(ctx);
  await expirePresence(ctx);
  return { sync, alerts };
}

/** Background work of the inbox (sync and service-level checks); `poke` wakes the alert dispatcher. */
export function startInboxJobs(ctx: AppContext, opts: { poke(): void }): BackgroundJob {
  // "inbox" is not yet a LogCategory of platform/logger.ts (owned elsewhere); the child logger carries it all the same.
  const log = categoryLogger(ctx.log, "inbox");
  return every(
    inboxIntervalMs,
    async () => {
      const { sync, alerts } = await runInboxOnce(ctx);
      if (sync.opened > 0) log.info(sync, "conversations opened");
      if (alerts.some((a) => a.deliveries > 0)) opts.poke();
    },
    log,
    "inbox sync",
  );
}
