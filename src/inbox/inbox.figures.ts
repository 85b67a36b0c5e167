// Response-time figures: first response and resolution in business minutes, breaches, per priority band.
import { businessMinutesBetween } from "../core/sla/calendar.ts";
import { bandOf, type PriorityBand, percentile } from "../core/sla/targets.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { forbidden } from "../platform/http/errors.ts";
import { canReadInbox } from "./inbox.policy.ts";
import * as repo from "./inbox.repo.ts";
import type { ResponseFigures } from "./inbox.schema.ts";

import { getServiceCalendar } from "./inbox.service.ts";

const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const durations = (values: number[]) => ({
  count: values.length,
  median: round(percentile(values, 0.5)),
  p90: round(percentile(values, 0.9)),
});

/** Response-time figures of conversations opened in the last `days` days, in business minutes, per band. */
export async function responseFigures(ctx: AppContext, actor: Actor, days: number): Promise<ResponseFigures> {
  if (!canReadInbox(actor)) throw forbidden("read the inbox");
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - days * 86_400_000);
  const calendar = await getServiceCalendar(ctx.db, actor.orgId);
  const rows = await repo.conversationsSince(ctx.db, actor.orgId, from);
  const open = await repo.openPriorities(ctx.db, actor.orgId);
  const breaches = await repo.breachesSince(ctx.db, actor.orgId, from);
  const figuresOf = (inBand: (priority: number) => boolean) => {
    const mine = rows.filter((r) => inBand(r.priority));
    return {
      open: open.filter(inBand).length,
      firstResponse: durations(
        mine.flatMap((r) =>
          r.firstRespondedAt ? [businessMinutesBetween(calendar, r.firstPostAt, r.firstRespondedAt)] : [],
        ),
      ),
      resolution: durations(
        mine.flatMap((r) =>
          r.resolvedAt ? [businessMinutesBetween(calendar, r.firstPostAt, r.resolvedAt)] : [],
        ),
      ),
      breaches: breaches
        .filter((b) => inBand(b.priority))
        .reduce(
          (n, b) =>
            n +
            (b.firstResponseBreachedAt && b.firstResponseBreachedAt >= from ? 1 : 0) +
            (b.resolutionBreachedAt && b.resolutionBreachedAt >= from ? 1 : 0),
          0,
        ),
    };
  };
  const all = figuresOf(() => true);
  const band = (b: PriorityBand) => figuresOf((p) => bandOf(p) === b);
  return {
    days,
    ...all,
    byBand: { urgent: band("urgent"), high: band("high"), normal: band("normal"), low: band("low") },
  };
}
