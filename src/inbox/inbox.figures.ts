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
  const [figuresOf, open] = await Promise.all([
    periodFigures(ctx, actor.orgId, from),
    repo.openPriorities(ctx.db, actor.orgId),
  ]);
  const bandFigures = (inBand: (priority: number) => boolean) => {
    const { conversations: _conversations, ...figures } = figuresOf(inBand);
    return { open: open.filter(inBand).length, ...figures };
  };
  const band = (b: PriorityBand) => bandFigures((p) => bandOf(p) === b);
  return {
    days,
    ...bandFigures(() => true),
    byBand: { urgent: band("urgent"), high: band("high"), normal: band("normal"), low: band("low") },
  };
}

/**
 * Response-time figures of the conversations whose first post fell into [from, to) and the breaches recorded
 * then, all priorities together: what the situation report shows beside the period before.
 */
export async function responseFiguresOfPeriod(ctx: AppContext, orgId: string, from: Date, to: Date) {
  return (await periodFigures(ctx, orgId, from, to))(() => true);
}

/** The figures of [from, to) (or since `from`), for the priorities a predicate picks (a band, or all). */
async function periodFigures(ctx: AppContext, orgId: string, from: Date, to?: Date) {
  const [calendar, rows, breaches] = await Promise.all([
    getServiceCalendar(ctx.db, orgId),
    repo.conversationsSince(ctx.db, orgId, from, to),
    repo.breachesSince(ctx.db, orgId, from),
  ]);
  const inPeriod = (at: Date | null) => at !== null && at >= from && (to === undefined || at < to);
  return (inBand: (priority: number) => boolean) => {
    const mine = rows.filter((r) => inBand(r.priority));
    return {
      conversations: mine.length,
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
            n + (inPeriod(b.firstResponseBreachedAt) ? 1 : 0) + (inPeriod(b.resolutionBreachedAt) ? 1 : 0),
          0,
        ),
    };
  };
}
