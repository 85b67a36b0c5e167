// The situation report of a period ("Lagebericht"): what a communications lead reads on Monday morning — the
// period's figures beside those of the period of equal length just before it, the posts to look at first,
// and the notable changes in words.

import * as alertsRepo from "../alerts/alerts.repo.ts";
import { criticalFlags } from "../core/escalation/series.ts";
import { type Counted, reportHighlights } from "../core/reports/highlights.ts";
import { riskCategories } from "../core/risk/risk.types.ts";
import { responseFiguresOfPeriod } from "../inbox/inbox.figures.ts";
import * as incidentsRepo from "../incidents/incidents.repo.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError } from "../platform/http/errors.ts";
import * as postsRepo from "../posts/posts.repo.ts";
import { PostListQuery } from "../posts/posts.schema.ts";
import { listPosts } from "../posts/posts.service.ts";
import { listTopics } from "../topics/topics.service.ts";
import { maxReportDays, type Report, type ReportQuery } from "./reports.schema.ts";

/** The default period: the seven days up to `to`. */
export const defaultReportDays = 7;
/** How many of the period's most important posts the report lists. */
export const reportTopPosts = 10;

const day = 86_400_000;
const critical = [...criticalFlags];

/** The period a query asks for: [from, to), seven days up to now unless it says otherwise. */
export function reportPeriod(query: ReportQuery, now: Date): { from: Date; to: Date } {
  const to = query.to ?? (query.from ? new Date(query.from.getTime() + defaultReportDays * day) : now);
  const from = query.from ?? new Date(to.getTime() - defaultReportDays * day);
  // The schema checks a period given in full; one end given alone is checked here.
  if (to.getTime() <= from.getTime()) {
    throw new AppError("validation_failed", "Invalid querystring: to: must be after from", [
      { field: "querystring.to", message: "must be after from" },
    ]);
  }
  if (to.getTime() - from.getTime() > maxReportDays * day) {
    throw new AppError(
      "validation_failed",
      `Invalid querystring: from: a period of at most ${maxReportDays} days`,
      [{ field: "querystring.from", message: `a period of at most ${maxReportDays} days` }],
    );
  }
  return { from, to };
}

/** Pairs two lists of keyed counts; every key of either, the larger current counts first. */
function compareByKey(
  current: readonly { key: string; count: number }[],
  previous: readonly { key: string; count: number }[],
): (Counted & { key: string })[] {
  const rows = new Map<string, Counted & { key: string }>();
  for (const r of current) rows.set(r.key, { key: r.key, current: r.count, previous: 0 });
  for (const r of previous) {
    const row = rows.get(r.key) ?? { key: r.key, current: 0, previous: 0 };
    row.previous = r.count;
    rows.set(r.key, row);
  }
  return [...rows.values()].sort(
    (a, b) => b.current - a.current || b.previous - a.previous || a.key.localeCompare(b.key),
  );
}

/** The figures of one period. */
async function periodFigures(ctx: AppContext, orgId: string, from: Date, to: Date) {
  const db = ctx.db;
  const period = { from, to };
  const [volume, flagged, topics, platforms, languages, alerts, response] = await Promise.all([
    postsRepo.countPostsAndAuthors(db, orgId, from, to),
    postsRepo.countFlaggedPosts(db, orgId, from, to),
    postsRepo.countTopicPosts(db, orgId, from, to, critical),
    postsRepo.countPostsBy(db, orgId, period, "platform"),
    postsRepo.countPostsBy(db, orgId, period, "lang"),
    alertsRepo.countAlertsRaised(db, orgId, from, to),
    responseFiguresOfPeriod(ctx, orgId, from, to),
  ]);
  return { volume, flagged, topics, platforms, languages, alerts, response };
}

/** The situation report of a period, beside the period of equal length just before it. */
export async function buildReport(ctx: AppContext, actor: Actor, query: ReportQuery): Promise<Report> {
  const { from, to } = reportPeriod(query, ctx.clock.now());
  const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const [now, before, incidentCounts, topicList, top] = await Promise.all([
    periodFigures(ctx, actor.orgId, from, to),
    periodFigures(ctx, actor.orgId, previousFrom, from),
    incidentsRepo.countIncidents(ctx.db, actor.orgId, previousFrom, from, to),
    listTopics(ctx, actor),
    listPosts(ctx, actor, PostListQuery.parse({ from, to, sort: "priority", limit: reportTopPosts })),
  ]);
  const pair = (current: number, previous: number): Counted => ({ current, previous });

  const flaggedNow = new Map(now.flagged.map((r) => [r.key, r.count]));
  const flaggedBefore = new Map(before.flagged.map((r) => [r.key, r.count]));
  const flagged = riskCategories.map((category) => ({
    category,
    ...pair(flaggedNow.get(category) ?? 0, flaggedBefore.get(category) ?? 0),
  }));

  const topicsBefore = new Map(before.topics.map((r) => [r.topicId, r]));
  const topicsNow = new Map(now.topics.map((r) => [r.topicId, r]));
  const topics = topicList
    .map((topic) => {
      const n = topicsNow.get(topic.id);
      const b = topicsBefore.get(topic.id);
      return {
        topicId: topic.id,
        name: topic.name,
        ...pair(n?.count ?? 0, b?.count ?? 0),
        critical: pair(n?.critical ?? 0, b?.critical ?? 0),
      };
    })
    .sort((a, b) => b.current - a.current || b.previous - a.previous || a.name.localeCompare(b.name));

  const figures = {
    mentions: pair(now.volume.posts, before.volume.posts),
    authors: pair(now.volume.authors, before.volume.authors),
    flagged,
    topics,
    alerts: {
      raised: pair(now.alerts.raised, before.alerts.raised),
      critical: pair(now.alerts.critical, before.alerts.critical),
      stillOpen: now.alerts.open,
    },
    incidents: incidentCounts,
    response: {
      conversations: pair(now.response.conversations, before.response.conversations),
      firstResponseMedian: now.response.firstResponse.median,
      firstResponseP90: now.response.firstResponse.p90,
      previousFirstResponseMedian: before.response.firstResponse.median,
      breaches: pair(now.response.breaches, before.response.breaches),
    },
  };
  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    previous: { from: previousFrom.toISOString(), to: from.toISOString() },
    ...figures,
    platforms: compareByKey(now.platforms, before.platforms),
    languages: compareByKey(now.languages, before.languages),
    topPosts: top.items,
    highlights: reportHighlights(figures),
  };
}
