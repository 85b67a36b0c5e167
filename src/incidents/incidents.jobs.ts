import { eq } from "drizzle-orm";
import { raiseOperationalAlert } from "../alerts/alerts.operational.ts";
import type { RaiseOutcome } from "../alerts/alerts.service.ts";
import { bilingual } from "../alerts/alerts.service.ts";
import { alerts } from "../alerts/alerts.table.ts";
import type { EscalationMonitor } from "../escalation/escalation.service.ts";
import type { AppContext } from "../platform/context.ts";
import { type BackgroundJob, every } from "../platform/jobs.ts";
import { categoryLogger } from "../platform/logger.ts";
import { checkLegalClocks, type RaiseDeadlineAlert } from "./incidents.clocks.ts";
import * as repo from "./incidents.repo.ts";
import { findIncidentEvent, recordIncidentEvent, updateIncidentEvent } from "./incidents.timeline.ts";

// Level changes and clocks are checked this often; a legal clock's nearest reminder is an hour before the end.
const checkIntervalMs = 30_000;

/**
 * Puts a raised or folded alert on the timeline of the incidents it belongs to: those opened from it and the
 * active or stable ones watching its topic. One entry per alert and incident; a folded repeat updates its count.
 */
export async function noteAlertOnIncidents(ctx: AppContext, outcome: RaiseOutcome): Promise<void> {
  // One look-up instead of a read and a transaction of two when no incident could take it (the usual case).
  if (!(await repo.mayTakeAlert(ctx.db, outcome.orgId, outcome.alertId))) return;
  const [alert] = await ctx.db.select().from(alerts).where(eq(alerts.id, outcome.alertId));
  if (!alert) return;
  await ctx.db.transaction(async (tx) => {
    // An alert of a rule for every topic has none; the topic its posts matched stands in.
    const topicId = alert.topicId ?? (await repo.topicOfPosts(tx, alert.orgId, alert.postIds));
    const targets = await repo.incidentsForAlert(tx, alert.orgId, alert.id, topicId);
    const title = bilingual(alert.detail.title, alert.title);
    const entryTitle = {
      de: `Alarm: ${title.de}${alert.occurrences > 1 ? ` (${alert.occurrences}×)` : ""}`,
      en: `Alert: ${title.en}${alert.occurrences > 1 ? ` (${alert.occurrences}×)` : ""}`,
    };
    for (const incident of targets) {
      const known = await findIncidentEvent(tx, incident.id, "alert", alert.id);
      if (known) {
        await updateIncidentEvent(tx, known.id, {
          title: entryTitle,
          detail: {
            ...known.detail,
            occurrences: alert.occurrences,
            lastSeenAt: alert.lastSeenAt.toISOString(),
          },
        });
        continue;
      }
      await recordIncidentEvent(tx, ctx, {
        orgId: alert.orgId,
        incidentId: incident.id,
        kind: "alert",
        actor: { orgId: alert.orgId, system: true },
        title: entryTitle,
        entityType: "alert",
        entityId: alert.id,
        detail: { occurrences: alert.occurrences, severity: alert.severity, trigger: alert.trigger },
      });
    }
  });
}

/** One pass of the level check: a changed escalation level of an open incident's topic goes on its timeline. */
export async function checkIncidentLevels(
  ctx: AppContext,
  escalation: Pick<EscalationMonitor, "topicLevel">,
): Promise<number> {
  let changes = 0;
  for (const incident of await repo.listOpenIncidents(ctx.db)) {
    if (!incident.topicId) continue;
    const { level, explanation } = await escalation.topicLevel(incident.orgId, incident.topicId);
    if (incident.lastLevel === level) continue;
    await ctx.db.transaction(async (tx) => {
      await repo.updateIncident(tx, incident.orgId, incident.id, { lastLevel: level });
      // The first reading of an incident opened without one is recorded silently.
      if (incident.lastLevel === null) return;
      const up = level > incident.lastLevel;
      await recordIncidentEvent(tx, ctx, {
        orgId: incident.orgId,
        incidentId: incident.id,
        kind: "level_change",
        actor: { orgId: incident.orgId, system: true },
        title: {
          de: `Eskalationsstufe ${up ? "gestiegen" : "gesunken"}: ${incident.lastLevel} → ${level}`,
          en: `Escalation level ${up ? "rose" : "fell"}: ${incident.lastLevel} → ${level}`,
        },
        entityType: "topic",
        entityId: incident.topicId ?? undefined,
        detail: { from: incident.lastLevel, to: level, explanation },
      });
      changes++;
    });
  }
  return changes;
}

/** Background work of incidents: level changes on the timeline and legal-clock reminders, every 30 s. */
export function startIncidentJobs(
  ctx: AppContext,
  opts: { escalation: EscalationMonitor; poke(): void; raise?: RaiseDeadlineAlert },
): BackgroundJob {
  const log = categoryLogger(ctx.log, "alerts");
  const raise: RaiseDeadlineAlert = opts.raise ?? raiseOperationalAlert;
  return every(
    checkIntervalMs,
    async () => {
      await checkIncidentLevels(ctx, opts.escalation);
      if ((await checkLegalClocks(ctx, raise)) > 0) opts.poke();
    },
    log,
    "incident checks",
  );
}
