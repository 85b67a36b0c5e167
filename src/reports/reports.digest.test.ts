import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPost } from "../../test/factories.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
} from "../../test/harness.ts";
import { startHttpReceiver } from "../../test/receivers.ts";
import { ManualClock } from "../platform/clock.ts";
import { digestGraceMs, sendDueDigests } from "./reports.digest.ts";

const hour = 3_600_000;

describe.each(databaseKinds)("scheduled situation reports on %s", (kind) => {
  // Sunday evening in Hamburg; the report is due on Monday at 08:00 (07:00 UTC).
  const clock = new ManualClock("2026-11-29T18:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  let email = "";
  let ruleId = "";

  // Signed in afresh for every request: the test moves the clock past a session's lifetime.
  const api = async (method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: (await signIn(app, email)).headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const reportAlerts = async () => {
    const res = await api("GET", "/api/alerts?limit=100");
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.filter((a: { trigger: string }) => a.trigger === "report_digest");
  };

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    runtime = await startTestRuntime(kind, {
      clock,
      alerting: {
        BRANDWACHE_OUTBOUND_ALLOW: "127.0.0.1",
        BRANDWACHE_PUBLIC_URL: "https://brandwache.nordwind.example",
      },
      alertLoops: false,
    });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "digest");
    email = seeded.email;
    const posts = [
      ...Array.from({ length: 12 }, (_, i) =>
        buildPost({
          text: `Seit Tagen kein Netz bei Nordwind, Störung Nummer ${i}. Ich will mein Geld zurück!`,
          postedAt: new Date(Date.parse("2026-11-24T09:00:00Z") + i * hour).toISOString(),
        }),
      ),
      buildPost({ text: "Danke Nordwind, super Beratung!", postedAt: "2026-11-18T09:00:00Z" }),
    ];
    expect((await api("POST", "/api/posts", { posts })).statusCode).toBe(202);
    await runtime.ctx.bus.idle();
    const channel = await api("POST", "/api/alert-channels", {
      name: "Lage-Webhook",
      config: { kind: "webhook", url: receiver.url("/lage"), secret: "a-webhook-secret-of-32-characters!" },
    });
    expect(channel.statusCode, channel.body).toBe(201);
    const rule = await api("POST", "/api/alert-rules", {
      name: "Lagebericht montags",
      condition: {
        kind: "report_digest",
        frequency: "weekly",
        weekday: 1,
        hour: 8,
        timeZone: "Europe/Berlin",
      },
      severity: "info",
      channelIds: [channel.json().id],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    ruleId = rule.json().id;
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
    await receiver.close();
  });

  it("sends nothing before the first scheduled time after the rule was created", async () => {
    expect(await sendDueDigests(runtime.ctx)).toEqual([]);
    await clock.advance(12 * hour + 59 * 60_000); // Monday 07:59 in Berlin
    expect(await sendDueDigests(runtime.ctx)).toEqual([]);
    expect(await reportAlerts()).toEqual([]);
  });

  it("raises the week's report at Monday 08:00 with its figures, changes and link, once", async () => {
    await clock.advance(60_000);
    const outcomes = await sendDueDigests(runtime.ctx);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ outcome: "raised", deliveries: 1 });
    // Every later minute of the day finds it sent.
    await clock.advance(5 * 60_000);
    expect(await sendDueDigests(runtime.ctx)).toEqual([]);

    const [alert, ...others] = await reportAlerts();
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      severity: "info",
      state: "open",
      topicId: null,
      ruleId,
      link: "/reports?from=2026-11-23T07%3A00%3A00.000Z&to=2026-11-30T07%3A00%3A00.000Z",
    });
    expect(alert.title).toEqual({
      de: "Lagebericht 23.11.2026 – 30.11.2026",
      en: "Situation report 23 Nov 2026 – 30 Nov 2026",
    });
    const full = (await api("GET", `/api/alerts/${alert.id}`)).json();
    const text = JSON.stringify(full.explanation);
    expect(text).toContain("12 Erwähnungen (vorher 1)");
    expect(text).toContain("12 mentions (before 1)");
    expect(text).toMatch(/Beachten: [^"]*Als „Beschwerde“ erkannt: 12 statt 0 \(neu\)/);
    expect(text).toMatch(/Look at: [^"]*Flagged “complaint”: 12 instead of 0 \(new\)/);
    expect(full.postIds.length).toBeGreaterThan(0);
    expect(full.postIds.length).toBeLessThanOrEqual(10);
  });

  it("delivers it through the rule's channels, linking to the report of exactly that week", async () => {
    const result = await runtime.alerts.dispatch();
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const hook = receiver.requests.find((r) => r.path === "/lage");
    const body = JSON.parse(hook?.body ?? "{}");
    expect(body.event).toBe("alert.raised");
    expect(body.trigger).toBe("report_digest");
    expect(body.title.de).toBe("Lagebericht 23.11.2026 – 30.11.2026");
    expect(body.url).toBe(
      "https://brandwache.nordwind.example/reports?from=2026-11-23T07%3A00%3A00.000Z&to=2026-11-30T07%3A00%3A00.000Z",
    );
  });

  it("does not send a report that is more than a day late, and sends the next one on time", async () => {
    // The server was down from Monday morning to Tuesday noon: Monday's report stays sent once, nothing doubles.
    await clock.advance(digestGraceMs + 5 * hour);
    expect(await sendDueDigests(runtime.ctx)).toEqual([]);
    await clock.advance(7 * 24 * hour - digestGraceMs - 5 * hour - 5 * 60_000); // next Monday 08:00
    const next = await sendDueDigests(runtime.ctx);
    expect(next).toHaveLength(1);
    expect(await reportAlerts()).toHaveLength(2);
  });

  it("refuses a report rule for one topic, and a time zone that does not exist, naming the field", async () => {
    const topic = (await api("POST", "/api/topics", { name: "Netz", query: "netz" })).json();
    const withTopic = await api("POST", "/api/alert-rules", {
      name: "Lage Netz",
      topicId: topic.id,
      condition: { kind: "report_digest", frequency: "daily", hour: 7 },
    });
    expect(withTopic.statusCode).toBe(400);
    expect(withTopic.json().errors).toEqual([
      { field: "topicId", message: "a situation report covers every topic: leave the topic empty" },
    ]);
    const moved = await api("PATCH", `/api/alert-rules/${ruleId}`, { topicId: topic.id });
    expect(moved.statusCode).toBe(400);
    const zone = await api("POST", "/api/alert-rules", {
      name: "Lage Hamburg",
      condition: { kind: "report_digest", frequency: "daily", hour: 7, timeZone: "Europe/Hamburg" },
    });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().errors[0].field).toBe("condition.timeZone");
  });
});
