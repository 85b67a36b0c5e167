// Scheduled situation reports: an alert rule of kind `report_digest` ("every Monday at 08:00 Europe/Berlin")
// raises, once per scheduled time, an alert that carries the summary of the period before and links to its
// report; the alert channels deliver it (e-mail, Slack, Teams, webhooks) with their retries.

import * as alertsRepo from "../alerts/alerts.repo.ts";
import { enabledRules, type RaiseOutcome, raiseAlert } from "../alerts/alerts.service.ts";
import { digestText } from "../core/reports/digest.ts";
import { latestDigest } from "../core/reports/schedule.ts";
import type { AppContext } from "../platform/context.ts";
import { type BackgroundJob, every } from "../platform/jobs.ts";
import { categoryLogger } from "../platform/logger.ts";
import { buildReport } from "./reports.service.ts";

/** How often the job looks for a report that is due. */
export const digestIntervalMs = 60_000;
/** A report whose time passed longer ago than this (the server was down) is not sent late any more. */
export const digestGraceMs = 24 * 3_600_000;
// A report's alert never folds into another: its cause is its rule and period, and nothing repeats it.
const digestCooldownMinutes = 7 * 24 * 60;

/**
 * Raises the report of every `report_digest` rule whose scheduled time has come, once per time: not for times
 * before the rule was created, nor more than a day late. Safe to run in several processes at once (the alert's
 * cause is locked and a second raise of it folds without a delivery).
 */
export async function sendDueDigests(ctx: AppContext): Promise<RaiseOutcome[]> {
  const now = ctx.clock.now();
  const outcomes: RaiseOutcome[] = [];
  for (const rule of await enabledRules(ctx)) {
    const condition = rule.condition;
    if (condition.kind !== "report_digest") continue;
    const period = latestDigest(condition, now);
    if (period.to.getTime() < Date.parse(rule.createdAt)) continue;
    if (now.getTime() - period.to.getTime() > digestGraceMs) continue;
    const dedupKey = `${rule.id}:report:${period.to.toISOString()}`;
    if (await alertsRepo.latestAlertOfCause(ctx.db, rule.orgId, dedupKey)) continue;

    const viewer = { orgId: rule.orgId, role: "viewer" as const, userId: null, tokenId: null };
    const report = await buildReport(ctx, viewer, { from: period.from, to: period.to });
    const text = digestText({
      period,
      timeZone: condition.timeZone,
      mentions: report.mentions,
      authors: report.authors,
      alerts: report.alerts,
      incidents: report.incidents,
      conversations: report.response.conversations,
      highlights: report.highlights,
    });
    const link = `/reports?from=${encodeURIComponent(report.period.from)}&to=${encodeURIComponent(report.period.to)}`;
    outcomes.push(
      await raiseAlert(
        ctx,
        rule.orgId,
        {
          ruleId: rule.id,
          topicId: null,
          trigger: "report_digest",
          severity: rule.severity,
          dedupKey,
          rank: 0,
          fresh: true,
          title: text.title,
          explanation: text.explanation,
          postIds: report.topPosts.map((post) => post.id),
          figures: {
            link,
            from: report.period.from,
            to: report.period.to,
            mentions: report.mentions.current,
            previousMentions: report.mentions.previous,
            concerns: report.highlights.filter((h) => h.concern).length,
          },
        },
        { cooldownMinutes: digestCooldownMinutes, channelIds: rule.channelIds },
      ),
    );
  }
  return outcomes;
}

/** Looks for due reports every minute (where the alert loops run); pokes the dispatcher when one was raised. */
export function startReportDigests(ctx: AppContext, opts: { poke(): void }): BackgroundJob {
  const log = categoryLogger(ctx.log, "alerts");
  return every(
    digestIntervalMs,
    async () => {
      const outcomes = await sendDueDigests(ctx);
      for (const o of outcomes) log.info({ orgId: o.orgId, alertId: o.alertId }, "situation report raised");
      if (outcomes.some((o) => o.deliveries > 0)) opts.poke();
    },
    log,
    "situation reports",
  );
}
