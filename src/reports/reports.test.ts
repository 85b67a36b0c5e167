import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIncident, buildPost } from "../../test/factories.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
} from "../../test/harness.ts";
import { insertAlert } from "../alerts/alerts.repo.ts";
import { riskCategories } from "../core/risk/risk.types.ts";
import { syncOrganisation } from "../inbox/inbox.sync.ts";
import { addMember } from "../orgs/orgs.service.ts";
import { type Clock, systemClock } from "../platform/clock.ts";
import type { PostList } from "../posts/posts.schema.ts";
import type { Report } from "./reports.schema.ts";

// Monday morning: the report covers the week up to now and compares it with the week before.
const monday = Date.parse("2026-11-30T08:00:00Z");
const thisWeek = { from: "2026-11-23T08:00:00.000Z", to: "2026-11-30T08:00:00.000Z" };
const lastWeek = { from: "2026-11-16T08:00:00.000Z", to: "2026-11-23T08:00:00.000Z" };

const complaint = (i: number) =>
  `Seit Tagen kein Netz bei Nordwind in Bergedorf, Störung Nummer ${i}. Ich will mein Geld zurück!`;

describe.each(databaseKinds)("situation report on %s", (kind) => {
  let now = monday;
  const clock: Clock = { now: () => new Date(now), sleep: systemClock.sleep };
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let headers: Record<string, string>;
  let orgId = "";
  let topicId = "";

  const get = async <T>(url: string, as = headers) => {
    const res = await app.inject({ method: "GET", url, headers: as });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const count = async (query: string) => (await get<PostList>(`/api/posts?limit=200&${query}`)).items.length;

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { clock, alertLoops: false });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "report");
    orgId = seeded.org.id;
    headers = (await signIn(app, seeded.email)).headers;
    const topic = await app.inject({
      method: "POST",
      url: "/api/topics",
      headers,
      payload: { name: "Netzstörung", query: "nordwind AND (netz OR störung*)" },
    });
    topicId = topic.json().id;

    const posts = [
      // The week before: two complaints, two thanks.
      ...[1, 2].map((i) =>
        buildPost({
          text: complaint(i),
          postedAt: `2026-11-1${6 + i}T10:00:00Z`,
          author: { handle: `alt${i}` },
        }),
      ),
      ...[1, 2].map((i) =>
        buildPost({
          text: "Danke Nordwind, super Beratung im Shop in Altona!",
          postedAt: `2026-11-2${i}T10:00:00Z`,
          author: { handle: `fan${i}` },
        }),
      ),
      // This week: fourteen complaints (one author twice on the same platform), a question in English, a thank-you.
      ...Array.from({ length: 14 }, (_, i) =>
        buildPost({
          text: complaint(i + 10),
          platform: i % 2 ? "bluesky" : "mastodon",
          postedAt: new Date(Date.parse(thisWeek.from) + i * 3_600_000).toISOString(),
          author: { handle: i === 12 ? "kunde0" : `kunde${i}` },
        }),
      ),
      buildPost({
        text: "Does Nordwind offer eSIM for the Flex 20 tariff?",
        lang: "en",
        postedAt: "2026-11-28T12:00:00Z",
        author: { handle: "traveller" },
      }),
      buildPost({
        text: "Danke Nordwind, der Techniker war pünktlich.",
        postedAt: "2026-11-29T12:00:00Z",
        author: { handle: "fan1" },
      }),
      // Outside both weeks: before them, and at the end of this week (the end is not part of it).
      buildPost({ text: complaint(99), postedAt: "2026-11-10T10:00:00Z" }),
      buildPost({ text: complaint(98), postedAt: thisWeek.to }),
    ];
    const res = await app.inject({ method: "POST", url: "/api/posts", headers, payload: { posts } });
    expect(res.statusCode, res.body).toBe(202);
    // Another organisation's posts of the same week count only there.
    const other = await seedOrganisation(runtime, "report-other");
    const otherHeaders = (await signIn(app, other.email)).headers;
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: otherHeaders,
      payload: { posts: [buildPost({ text: complaint(1), postedAt: "2026-11-25T10:00:00Z" })] },
    });
    await runtime.ctx.bus.idle();
    // The inbox files what needs an answer once it has settled for a few seconds.
    now = monday + 60_000;
    await syncOrganisation(runtime.ctx, orgId);
    now = monday;

    // Alerts: two this week (one critical and still open), none the week before.
    const alert = (id: string, createdAt: string, severity: string, state: string) => ({
      id,
      orgId,
      topicId,
      ruleId: null,
      trigger: "risk_count",
      state,
      severity,
      title: "Complaints about the network",
      detail: {},
      postIds: [],
      dedupKey: id,
      occurrences: 1,
      lastSeenAt: new Date(createdAt),
      acknowledgedAt: null,
      acknowledgedBy: null,
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt),
    });
    await insertAlert(runtime.ctx.db, alert("al-1", "2026-11-24T09:00:00Z", "critical", "open"));
    await insertAlert(runtime.ctx.db, alert("al-2", "2026-11-25T09:00:00Z", "warning", "acknowledged"));
    await insertAlert(runtime.ctx.db, alert("al-3", "2026-11-30T09:00:00Z", "critical", "open"));

    // Incidents: one opened last week and closed this week, one opened this week and still open.
    const open = async (at: string) => {
      now = Date.parse(at);
      const r = await app.inject({
        method: "POST",
        url: "/api/incidents",
        headers,
        payload: buildIncident(),
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const first = await open("2026-11-18T09:00:00Z");
    await open("2026-11-26T09:00:00Z");
    now = Date.parse("2026-11-25T09:00:00Z");
    const closed = await app.inject({
      method: "PATCH",
      url: `/api/incidents/${first}`,
      headers,
      payload: { status: "closed" },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    now = monday;
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("covers the seven days up to now beside the seven days before", async () => {
    const report = await get<Report>("/api/reports/summary");
    expect(report.period).toEqual(thisWeek);
    expect(report.previous).toEqual(lastWeek);
    expect(report.mentions).toEqual({ current: 16, previous: 4 });
    expect(report.authors).toEqual({ current: 15, previous: 4 });
  });

  it("counts what Mentions shows for the same period and filter", async () => {
    const report = await get<Report>("/api/reports/summary");
    const week = (w: { from: string; to: string }) => `from=${w.from}&to=${w.to}`;
    expect(report.flagged.map((f) => f.category)).toEqual([...riskCategories]);
    for (const f of report.flagged) {
      expect(f.current, f.category).toBe(await count(`risk=${f.category}&${week(thisWeek)}`));
      expect(f.previous, f.category).toBe(await count(`risk=${f.category}&${week(lastWeek)}`));
    }
    expect(report.flagged.find((f) => f.category === "complaint")?.current).toBeGreaterThanOrEqual(10);

    const [topic] = report.topics;
    expect(topic).toMatchObject({ topicId, name: "Netzstörung" });
    expect(topic?.current).toBe(await count(`topicId=${topicId}&${week(thisWeek)}`));
    expect(topic?.previous).toBe(await count(`topicId=${topicId}&${week(lastWeek)}`));
    expect(topic?.critical.current).toBeGreaterThanOrEqual(10);
    expect(topic?.critical.current).toBeLessThanOrEqual(topic?.current ?? 0);

    const stats = await get<{ byPlatform: { key: string; count: number }[] }>(
      `/api/posts/stats?${week(thisWeek)}`,
    );
    expect(report.platforms.map((p) => [p.key, p.current])).toEqual(
      stats.byPlatform.map((p) => [p.key, p.count]),
    );
    expect(report.languages).toEqual([
      { key: "de", current: 15, previous: 4 },
      { key: "en", current: 1, previous: 0 },
    ]);
  });

  it("lists the period's most important posts as Mentions sorts them", async () => {
    const report = await get<Report>("/api/reports/summary");
    const list = await get<PostList>(
      `/api/posts?sort=priority&limit=10&from=${thisWeek.from}&to=${thisWeek.to}`,
    );
    expect(report.topPosts.map((p) => p.id)).toEqual(list.items.map((p) => p.id));
    expect(report.topPosts).toHaveLength(10);
  });

  it("counts alerts, incidents and the inbox's conversations of the period", async () => {
    const report = await get<Report>("/api/reports/summary");
    expect(report.alerts).toEqual({
      raised: { current: 2, previous: 0 },
      critical: { current: 1, previous: 0 },
      stillOpen: 1,
    });
    expect(report.incidents).toEqual({
      opened: { current: 1, previous: 1 },
      closed: { current: 1, previous: 0 },
      openNow: 1,
    });
    // Complaints become conversations in the inbox; none has been answered yet.
    expect(report.response.conversations.current).toBeGreaterThan(report.response.conversations.previous);
    expect(report.response.firstResponseMedian).toBeNull();
  });

  it("says what changed, concerns first", async () => {
    const report = await get<Report>("/api/reports/summary");
    const subjects = report.highlights.map((h) => h.subject);
    expect(subjects).toContain("complaint");
    expect(report.highlights.find((h) => h.subject === "alerts")).toMatchObject({
      direction: "up",
      concern: true,
      de: "Alarme: 2 statt 0 (neu)",
      en: "Alerts: 2 instead of 0 (new)",
    });
    const firstNews = report.highlights.findIndex((h) => !h.concern);
    if (firstNews >= 0) expect(report.highlights.slice(firstNews).every((h) => !h.concern)).toBe(true);
  });

  it("takes a period given by one or both ends", async () => {
    const both = await get<Report>(`/api/reports/summary?from=${lastWeek.from}&to=${lastWeek.to}`);
    // The week before that has the one older post.
    expect(both.mentions).toEqual({ current: 4, previous: 1 });
    const toOnly = await get<Report>(`/api/reports/summary?to=${lastWeek.to}`);
    expect(toOnly.period).toEqual(lastWeek);
    const fromOnly = await get<Report>(`/api/reports/summary?from=${lastWeek.from}`);
    expect(fromOnly.period).toEqual(lastWeek);
    const day = await get<Report>("/api/reports/summary?from=2026-11-23T08:00:00Z&to=2026-11-23T09:00:00Z");
    expect(day.mentions).toEqual({ current: 1, previous: 0 });
    expect(day.previous).toEqual({ from: "2026-11-23T07:00:00.000Z", to: "2026-11-23T08:00:00.000Z" });
  });

  it("refuses a period that ends before it starts, is too long or is not a date, naming the field", async () => {
    const bad = async (query: string, field: string) => {
      const res = await app.inject({ method: "GET", url: `/api/reports/summary?${query}`, headers });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    };
    await bad(`from=${thisWeek.to}&to=${thisWeek.from}`, "querystring.to");
    await bad(`from=${thisWeek.from}&to=${thisWeek.from}`, "querystring.to");
    await bad("from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z", "querystring.from");
    await bad("from=gestern", "querystring.from");
  });

  it("is there for every member, read-only roles too, and not without signing in", async () => {
    await addMember(
      runtime.ctx,
      { orgId, system: true },
      { email: "viewer@report.example", name: "Viewer", role: "viewer", password: "test-password-123" },
    );
    const viewer = (await signIn(app, "viewer@report.example")).headers;
    const report = await get<Report>("/api/reports/summary", viewer);
    expect(report.mentions.current).toBe(16);
    const anonymous = await app.inject({ method: "GET", url: "/api/reports/summary" });
    expect(anonymous.statusCode).toBe(401);
  });
});
