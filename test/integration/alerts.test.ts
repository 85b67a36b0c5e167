import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimMs, claimReserveMs, dispatchDueDeliveries } from "../../src/alerts/alerts.dispatcher.ts";
import { lockKeyOf, raiseAlert } from "../../src/alerts/alerts.service.ts";
import { verifyWebhookSignature } from "../../src/core/alerts/render.ts";
import type { AlertCandidate } from "../../src/core/alerts/rules.ts";
import { addMember } from "../../src/orgs/orgs.service.ts";
import { ManualClock } from "../../src/platform/clock.ts";
import { buildPost } from "../factories.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
  testPassword,
} from "../harness.ts";
import { startHttpReceiver, startSmtpReceiver } from "../receivers.ts";

const threat = "Nordwind outage again, you are a bunch of idiots and scammers, I will destroy you";
const angry = [
  "Nordwind, ihr seid das Letzte! Seit Stunden kein Netz und keiner geht an die Hotline. Unverschämt!",
  "Schon wieder Totalausfall bei Nordwind. Ich kündige, so ein Saftladen!",
  "Nordwind outage again, worst provider ever, absolutely useless customer service!",
];
const secret = "a-webhook-secret-of-some-length";

describe.each(databaseKinds)("alerts on %s", (kind) => {
  const clock = new ManualClock("2026-11-25T12:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let viewer: Awaited<ReturnType<typeof signIn>>;
  let orgId: string;
  let topicId: string;
  const channels: Record<string, string> = {};

  const api = async (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
    as = admin,
  ) =>
    app.inject({
      method,
      url,
      headers: as.headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const post = async (posts: unknown[]) => {
    const res = await api("POST", "/api/posts", { posts });
    expect(res.statusCode).toBe(202);
    await runtime.ctx.bus.idle();
  };
  const alertList = async (query = "") => (await api("GET", `/api/alerts${query}`)).json();

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    receiver = await startHttpReceiver();
    runtime = await startTestRuntime(kind, {
      clock,
      alerting: {
        BRANDWACHE_SMTP_URL: smtp.url,
        BRANDWACHE_SMTP_FROM: "Brandwache <alerts@nordwind.example>",
        BRANDWACHE_OUTBOUND_ALLOW: "127.0.0.1",
        BRANDWACHE_PUBLIC_URL: "https://brandwache.nordwind.example",
      },
      // The periodic check and the delivery loop run when the test says so, not on a timer.
      alertLoops: false,
    });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "nordwind");
    orgId = seeded.org.id;
    admin = await signIn(app, seeded.email);
    await addMember(
      runtime.ctx,
      { orgId, system: true },
      { email: "viewer@nordwind.example", name: "Viewer", role: "viewer", password: testPassword },
    );
    viewer = await signIn(app, "viewer@nordwind.example");
    topicId = (await api("POST", "/api/topics", { name: "Marke", query: "nordwind" })).json().id;
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
    await smtp.close();
    await receiver.close();
  });

  describe("channels and rules", () => {
    it("creates one channel of each kind and never returns a secret or a webhook's path", async () => {
      const configs = {
        email: { kind: "email", to: ["krisenstab@nordwind.example"] },
        slack: { kind: "slack", url: receiver.url("/slack/T000/B000/XXXX") },
        teams: { kind: "teams", url: receiver.url("/teams/workflow") },
        webhook: { kind: "webhook", url: receiver.url("/hook"), secret },
      };
      for (const [name, config] of Object.entries(configs)) {
        const res = await api("POST", "/api/alert-channels", { name, config });
        expect(res.statusCode).toBe(201);
        channels[name] = res.json().id;
        expect(res.body).not.toContain(secret);
        expect(res.body).not.toContain("/slack/");
      }
      const list = (await api("GET", "/api/alert-channels")).json().items;
      const byKind = new Map(list.map((c: { kind: string; target: string }) => [c.kind, c.target]));
      expect([...byKind.keys()].sort()).toEqual(["email", "slack", "teams", "webhook"]);
      expect(byKind.get("email")).toBe("krisenstab@nordwind.example");
      expect(byKind.get("slack")).toMatch(/^127\.0\.0\.1:\d+$/);
    });

    it("names the field of a bad channel or rule", async () => {
      const short = await api("POST", "/api/alert-channels", {
        name: "zu kurz",
        config: { kind: "webhook", url: receiver.url("/hook"), secret: "short" },
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().errors[0].field).toBe("config.secret");
      const unknownTopic = await api("POST", "/api/alert-rules", {
        name: "x",
        topicId: "no-such-topic",
        condition: { kind: "anomaly", minScore: 0.9 },
      });
      expect(unknownTopic.statusCode).toBe(400);
      expect(unknownTopic.json().errors).toEqual([{ field: "topicId", message: "no topic no-such-topic" }]);
      const unknownChannel = await api("POST", "/api/alert-rules", {
        name: "x",
        condition: { kind: "anomaly", minScore: 0.9 },
        channelIds: ["nope"],
      });
      expect(unknownChannel.json().errors).toEqual([{ field: "channelIds.0", message: "no channel nope" }]);
      const badCondition = await api("POST", "/api/alert-rules", {
        name: "x",
        condition: { kind: "level_reached", minLevel: 9 },
      });
      expect(badCondition.json().errors[0].field).toBe("condition.minLevel");
    });

    it("lets viewers read but not change rules, channels or alerts", async () => {
      expect((await api("GET", "/api/alert-rules", undefined, viewer)).statusCode).toBe(200);
      const res = await api(
        "POST",
        "/api/alert-rules",
        { name: "x", condition: { kind: "anomaly", minScore: 0.9 } },
        viewer,
      );
      expect(res.statusCode).toBe(403);
      expect(
        (await api("DELETE", `/api/alert-channels/${channels.email}`, undefined, viewer)).statusCode,
      ).toBe(403);
    });
  });

  describe("a high-priority post", () => {
    let alertId: string;

    beforeAll(async () => {
      const rule = await api("POST", "/api/alert-rules", {
        name: "Drohungen sofort melden",
        topicId,
        condition: { kind: "priority_post", minPriority: 0.65 },
        severity: "critical",
        cooldownMinutes: 30,
        channelIds: Object.values(channels),
      });
      expect(rule.statusCode).toBe(201);
      await post([
        buildPost({ text: "Guter Empfang mit Nordwind heute, danke!", postedAt: clock.now().toISOString() }),
        buildPost({ text: threat, postedAt: clock.now().toISOString(), author: { handle: "wut1" } }),
      ]);
    });

    it("raises one alert for the post, not for the friendly one, with its text as evidence", async () => {
      const { items, openCount } = await alertList();
      expect(items).toHaveLength(1);
      expect(openCount).toBe(1);
      const [alert] = items;
      alertId = alert.id;
      expect(alert).toMatchObject({
        trigger: "priority_post",
        severity: "critical",
        state: "open",
        occurrences: 1,
      });
      expect(alert.title.de).toMatch(/^Beitrag mit Priorität 0,\d\d bei „Marke“$/);
      expect(alert.explanation.en).toContain("mastodon:wut1");
      expect(alert.postIds).toHaveLength(1);
      const posts = (await api("GET", `/api/posts?ids=${alert.postIds.join(",")}`)).json().items;
      expect(posts.map((p: { text: string }) => p.text)).toEqual([threat]);
      expect(alert.deliveries.map((d: { state: string }) => d.state)).toEqual([
        "pending",
        "pending",
        "pending",
        "pending",
      ]);
    });

    it("does not raise it again when the same post comes back (a redelivered bus message)", async () => {
      const [postId] = (await alertList()).items[0].postIds;
      const post = (await api("GET", `/api/posts/${postId}`)).json();
      const outcomes = await runtime.alerts.engine.evaluatePosts([{ orgId, post }]);
      expect(outcomes.map((o) => o.outcome)).toEqual(["folded"]);
      const { items } = await alertList();
      expect(items).toHaveLength(1);
      expect(items[0].occurrences).toBe(1);
    });

    it("delivers it by e-mail, Slack, Teams and a signed webhook", async () => {
      const result = await runtime.alerts.dispatch();
      expect(result).toEqual({ sent: 4, retrying: 0, failed: 0 });
      expect(smtp.mails).toHaveLength(1);
      const mail = smtp.mails[0];
      expect(mail?.to).toEqual(["krisenstab@nordwind.example"]);
      expect(mail?.raw).toMatch(/^Subject: /mu);
      // Quoted-printable wraps long lines with "=" at the end.
      expect(mail?.raw.replace(/=\r\n/gu, "")).toContain("https://brandwache.nordwind.example/alerts?alert=");

      const byPath = (path: string) => receiver.requests.find((r) => r.path === path);
      const slack = JSON.parse(byPath("/slack/T000/B000/XXXX")?.body ?? "{}");
      expect(slack.text).toContain("Priorit");
      expect(Array.isArray(slack.blocks)).toBe(true);
      const teams = JSON.parse(byPath("/teams/workflow")?.body ?? "{}");
      expect(teams.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
      const hook = byPath("/hook");
      expect(hook).toBeDefined();
      const timestamp = Number(hook?.headers["x-brandwache-timestamp"]);
      expect(
        verifyWebhookSignature(
          secret,
          String(hook?.headers["x-brandwache-signature"]),
          timestamp,
          hook?.body ?? "",
          timestamp,
        ),
      ).toBe(true);
      expect(JSON.parse(hook?.body ?? "{}")).toMatchObject({ event: "alert.raised", alertId });

      const alert = (await api("GET", `/api/alerts/${alertId}`)).json();
      expect(
        alert.deliveries.every(
          (d: { state: string; sentAt: string | null }) => d.state === "sent" && d.sentAt,
        ),
      ).toBe(true);
    });

    it("folds a second such post within the cooldown into the same alert, without sending again", async () => {
      await clock.advance(5 * 60_000);
      await post([
        buildPost({ text: threat, postedAt: clock.now().toISOString(), author: { handle: "wut2" } }),
      ]);
      const { items } = await alertList();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ id: alertId, occurrences: 2 });
      expect(items[0].postIds).toHaveLength(2);
      expect(await runtime.alerts.dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    });

    it("is acknowledged and resolved by an agent or above, recorded with who did it", async () => {
      expect(
        (await api("PATCH", `/api/alerts/${alertId}`, { state: "acknowledged" }, viewer)).statusCode,
      ).toBe(403);
      const acknowledged = await api("PATCH", `/api/alerts/${alertId}`, { state: "acknowledged" });
      expect(acknowledged.statusCode).toBe(200);
      expect(acknowledged.json()).toMatchObject({
        state: "acknowledged",
        acknowledgedBy: expect.stringMatching(/^user:/),
      });
      expect((await alertList()).openCount).toBe(0);
      expect((await alertList("?state=acknowledged")).items).toHaveLength(1);
      const resolved = (await api("PATCH", `/api/alerts/${alertId}`, { state: "resolved" })).json();
      expect(resolved.state).toBe("resolved");
      expect(resolved.acknowledgedAt).toBe(acknowledged.json().acknowledgedAt);
      expect((await api("PATCH", "/api/alerts/nope", { state: "resolved" })).statusCode).toBe(404);
    });

    it("raises a new alert once the cooldown after resolving has passed", async () => {
      await clock.advance(31 * 60_000);
      await post([
        buildPost({ text: threat, postedAt: clock.now().toISOString(), author: { handle: "wut3" } }),
      ]);
      const { items } = await alertList();
      expect(items).toHaveLength(2);
      expect(items[0].state).toBe("open");
      await runtime.alerts.dispatch();
    });
  });

  describe("failed deliveries", () => {
    it("retries with growing delays, shows the error meanwhile, and gives up on a permanent error", async () => {
      const rule = (
        await api("POST", "/api/alert-rules", {
          name: "Nur Webhook",
          condition: { kind: "priority_post", minPriority: 0.65 },
          cooldownMinutes: 0,
          channelIds: [channels.webhook, channels.email],
        })
      ).json();
      receiver.respond(500, 503);
      smtp.reject(550);
      await post([
        buildPost({ text: threat, postedAt: clock.now().toISOString(), author: { handle: "wut4" } }),
      ]);
      const alertOf = async () =>
        (await alertList()).items.find((a: { ruleId: string }) => a.ruleId === rule.id);

      expect(await runtime.alerts.dispatch()).toEqual({ sent: 0, retrying: 1, failed: 1 });
      let alert = await alertOf();
      const webhook = alert.deliveries.find((d: { kind: string }) => d.kind === "webhook");
      const email = alert.deliveries.find((d: { kind: string }) => d.kind === "email");
      expect(webhook).toMatchObject({ state: "pending", attempts: 1 });
      expect(webhook.lastError).toMatch(/500/);
      expect(Date.parse(webhook.nextAttemptAt) - clock.now().getTime()).toBe(30_000);
      expect(email).toMatchObject({ state: "failed", attempts: 1, nextAttemptAt: null });
      expect(email.lastError).toMatch(/550/);

      // Not due yet: nothing happens.
      expect(await runtime.alerts.dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 });
      await clock.advance(30_000);
      expect(await runtime.alerts.dispatch()).toEqual({ sent: 0, retrying: 1, failed: 0 });
      alert = await alertOf();
      expect(alert.deliveries.find((d: { kind: string }) => d.kind === "webhook")).toMatchObject({
        attempts: 2,
      });
      await clock.advance(2 * 60_000);
      expect(await runtime.alerts.dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 });
      alert = await alertOf();
      expect(alert.deliveries.find((d: { kind: string }) => d.kind === "webhook")).toMatchObject({
        state: "sent",
        attempts: 3,
        lastError: null,
      });
      smtp.reject(0);
      await api("DELETE", `/api/alert-rules/${rule.id}`);
    });

    it("sends a test message through a channel and reports the receiver's answer", async () => {
      const ok = (await api("POST", `/api/alert-channels/${channels.slack}/test`)).json();
      expect(ok, JSON.stringify(ok)).toEqual({ ok: true, error: null });
      receiver.respond(404);
      const failed = (await api("POST", `/api/alert-channels/${channels.slack}/test`)).json();
      expect(failed.ok).toBe(false);
      expect(failed.error).toMatch(/404/);
      expect(failed.error).not.toContain("/slack/");
    });
  });

  describe("storms and counts", () => {
    it("raises a level alert when a topic escalates, once while it lasts", async () => {
      const rule = await api("POST", "/api/alert-rules", {
        name: "Stufe 3",
        condition: { kind: "level_reached", minLevel: 3 },
        cooldownMinutes: 60,
      });
      expect(rule.statusCode).toBe(201);
      const riskRule = await api("POST", "/api/alert-rules", {
        name: "Viele Beschwerden",
        topicId,
        condition: { kind: "risk_count", category: "complaint", count: 20, windowMinutes: 60 },
      });
      expect(riskRule.statusCode).toBe(201);
      // Two quiet days, then an angry hour.
      const quiet = Array.from({ length: 48 }, (_, i) =>
        buildPost({
          text: "Guter Empfang mit Nordwind heute, danke!",
          postedAt: new Date(clock.now().getTime() - (49 - i) * 3_600_000).toISOString(),
        }),
      );
      await post(quiet);
      const storm = Array.from({ length: 90 }, (_, i) =>
        buildPost({
          text: angry[i % angry.length],
          platform: i % 3 === 0 ? "x" : "mastodon",
          postedAt: new Date(clock.now().getTime() - (50 - Math.floor(i / 2)) * 60_000).toISOString(),
          author: { handle: `sturm${i}`, followers: 300 + i * 10 },
        }),
      );
      await post(storm);
      await new Promise((r) => setTimeout(r, 50)); // the monitor counts stored posts asynchronously

      const first = await runtime.alerts.engine.checkTopics();
      expect(
        first.map((o) => o.outcome),
        JSON.stringify((await alertList()).items.map((a: { title: unknown }) => a.title)),
      ).toEqual(["raised"]);
      const second = await runtime.alerts.engine.checkTopics();
      expect(second.map((o) => o.outcome)).toEqual(["folded"]);
      const level = (await alertList()).items.find((a: { trigger: string }) => a.trigger === "level_reached");
      expect(level.occurrences).toBe(1);
      expect(level.title.de).toMatch(/^Eskalationsstufe [3-6] bei „Marke“$/);
      expect(level.explanation.de).toMatch(/^Stufe [3-6]: /);

      const count = (await alertList()).items.find((a: { trigger: string }) => a.trigger === "risk_count");
      expect(count.title.en).toMatch(/^\d+ “complaint” posts in 60 minutes on “Marke”$/);
      expect(count.postIds.length).toBeGreaterThanOrEqual(20);
    });

    it("shows the topic's timeline with anomalies, new voices and coordinated groups", async () => {
      const flashmob = Array.from({ length: 8 }, (_, i) =>
        buildPost({
          text: `Boykottiert Nordwind! Alle wechseln jetzt zu einem anderen Anbieter #nordwindboykott ${i % 2 ? "!!" : ""}`,
          postedAt: new Date(clock.now().getTime() - (8 - i) * 20_000).toISOString(),
          author: {
            handle: `mob${i}`,
            createdAt: new Date(clock.now().getTime() - 3 * 86_400_000).toISOString(),
          },
        }),
      );
      await post(flashmob);
      await new Promise((r) => setTimeout(r, 50));
      const detail = (await api("GET", `/api/escalation/${topicId}?resolution=minute`)).json();
      expect(detail.timeline).toHaveLength(360);
      expect(detail.timeline.at(-1).volume).toBeGreaterThan(0);
      expect(detail.timeline.some((p: { anomaly: number | null }) => p.anomaly !== null)).toBe(true);
      expect(detail.newVoices.firstTimeAuthors).toBeGreaterThan(50);
      expect(detail.newVoices.surge).toBe(true);
      expect(detail.newVoices.recent[0]).toMatch(/^mastodon:/);
      const group = detail.campaigns.find((g: { members: string[] }) => g.members.includes("mastodon:mob0"));
      expect(group).toMatchObject({ memberCount: 8, flagged: true, youngAccounts: 8 });
      expect(group.signals).toContain("near_identical_text");

      expect((await api("GET", `/api/escalation/${topicId}?resolution=hour`)).json().timeline).toHaveLength(
        336,
      );
      expect((await api("GET", `/api/escalation/${topicId}?resolution=day`)).statusCode).toBe(400);
      expect((await api("GET", "/api/escalation/unknown")).statusCode).toBe(404);
    });
  });

  it("raises one alert when several processes raise the same cause at once", async () => {
    const candidate: AlertCandidate = {
      ruleId: "concurrency",
      topicId: null,
      trigger: "anomaly",
      severity: "info",
      dedupKey: `concurrency-${kind}`,
      rank: 0,
      fresh: true,
      title: { de: "t", en: "t" },
      explanation: { de: "e", en: "e" },
      postIds: [],
      figures: {},
    };
    const rule = (
      await api("POST", "/api/alert-rules", { name: "c", condition: { kind: "anomaly", minScore: 0.99 } })
    ).json();
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        raiseAlert(
          runtime.ctx,
          orgId,
          { ...candidate, ruleId: rule.id },
          { cooldownMinutes: 30, channelIds: [] },
        ),
      ),
    );
    expect(outcomes.filter((o) => o.outcome === "raised")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "folded")).toHaveLength(5);
  });

  it("raises a post rule without cooldown once per post, also when the same post is raised at once", async () => {
    const everyPostRule = async (name: string) =>
      (
        await api("POST", "/api/alert-rules", {
          name,
          cooldownMinutes: 0,
          condition: { kind: "priority_post", minPriority: 0.5 },
        })
      ).json();
    const rule = await everyPostRule("every post");
    const candidate = (postId: string): AlertCandidate => ({
      ruleId: rule.id,
      topicId: null,
      trigger: "priority_post",
      severity: "warning",
      dedupKey: `${rule.id}:priority`,
      rank: 0,
      fresh: true,
      title: { de: "t", en: "t" },
      explanation: { de: "e", en: "e" },
      postIds: [postId],
      figures: {},
    });
    expect(lockKeyOf(candidate("p1"), 0)).not.toBe(lockKeyOf(candidate("p2"), 0));
    expect(lockKeyOf(candidate("p1"), 15)).toBe(lockKeyOf(candidate("p2"), 15));
    const raise = (postId: string) =>
      raiseAlert(runtime.ctx, orgId, candidate(postId), { cooldownMinutes: 0, channelIds: [] });
    // A redelivered post racing itself: one alert.
    const same = await Promise.all(Array.from({ length: 6 }, () => raise(`same-${kind}`)));
    expect(same.filter((o) => o.outcome === "raised")).toHaveLength(1);
    expect(new Set(same.map((o) => o.alertId)).size).toBe(1);
    // Different posts at once: one alert each, none waiting for a fold that cannot happen.
    const different = await Promise.all(Array.from({ length: 6 }, (_, i) => raise(`post${i}-${kind}`)));
    expect(different.map((o) => o.outcome)).toEqual(Array(6).fill("raised"));
    // The same post under another rule is that rule's own alert: "already named" is per rule.
    const other = await everyPostRule("every post, too");
    const again = await raiseAlert(
      runtime.ctx,
      orgId,
      { ...candidate(`same-${kind}`), ruleId: other.id, dedupKey: `${other.id}:priority` },
      { cooldownMinutes: 0, channelIds: [] },
    );
    expect(again.outcome).toBe("raised");
    expect(again.alertId).not.toBe(same[0]?.alertId);
    expect((await api("DELETE", `/api/alert-rules/${other.id}`)).statusCode).toBe(204);
  });

  it("raises a batch's alerts of different causes at once and keeps the post order within a cause", async () => {
    const [stored] = (await api("GET", `/api/posts?q=${encodeURIComponent("idiots")}&limit=1`)).json().items;
    expect(stored).toBeDefined();
    const folding = (
      await api("POST", "/api/alert-rules", {
        name: "one alert per quarter hour",
        cooldownMinutes: 15,
        condition: { kind: "priority_post", minPriority: 0.5 },
      })
    ).json();
    // Posts the pipeline never saw (ids of their own, no topic): only the topic-free post rules apply.
    const batch = Array.from({ length: 12 }, (_, i) => ({
      orgId,
      post: { ...stored, id: `batch-${kind}-${i}`, topicIds: [] },
    }));
    const outcomes = await runtime.alerts.engine.evaluatePosts(batch);
    const alerts = (await alertList("?limit=200")).items.filter((a: { postIds: string[] }) =>
      a.postIds.some((id) => id.startsWith(`batch-${kind}-`)),
    );
    const everyPost = alerts.filter((a: { ruleId: string }) => a.ruleId !== folding.id);
    const folded = alerts.filter((a: { ruleId: string }) => a.ruleId === folding.id);
    // The rule without cooldown: one alert per post. The other: one alert, raised by the first post.
    expect(everyPost).toHaveLength(12);
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({ occurrences: 12 });
    // A fold puts the newest post first: the posts came in batch order.
    const order = folded[0].postIds.map((id: string) => Number(id.split("-").at(-1)));
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(order[0]).toBe(11);
    expect(outcomes.filter((o) => o.outcome === "raised")).toHaveLength(13);
    expect(outcomes.filter((o) => o.outcome === "folded")).toHaveLength(11);
  });

  it("rejects a malformed ids filter with the field named", async () => {
    const res = await api("GET", "/api/posts?ids=a,,b");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("querystring.ids");
  });
  // Last, as they move the shared clock on by minutes.
  describe("slow channels and several dispatchers", () => {
    const options = { publicUrl: "https://brandwache.nordwind.example" };
    // A rule that raises an alert for every threatening post and sends it to the webhook alone.
    const webhookRule = async (name: string) =>
      (
        await api("POST", "/api/alert-rules", {
          name,
          condition: { kind: "priority_post", minPriority: 0.65 },
          cooldownMinutes: 0,
          channelIds: [channels.webhook],
        })
      ).json();
    const deliveriesOf = async (ruleId: string) =>
      (await alertList()).items
        .filter((a: { ruleId: string }) => a.ruleId === ruleId)
        .flatMap((a: { deliveries: { state: string }[] }) => a.deliveries);
    it("gives deliveries back unsent when slow channels use up a pass's claim, and sends each once", async () => {
      const drain = async () => {
        while (Object.values(await runtime.alerts.dispatch()).some((n) => n > 0)) {}
      };
      await drain();
      const rule = await webhookRule("Langsamer Webhook");
      await post(
        ["slow1", "slow2", "slow3"].map((handle) =>
          buildPost({ text: threat, postedAt: clock.now().toISOString(), author: { handle } }),
        ),
      );
      const sent: string[] = [];
      // Each send takes 50 s: after two, less than the reserve is left of the 2-minute claim.
      const slowSend = async (_config: unknown, message: { deliveryId: string }) => {
        sent.push(message.deliveryId);
        await clock.advance(50_000);
      };
      expect(claimMs - 2 * 50_000).toBeLessThan(claimReserveMs);
      const first = await dispatchDueDeliveries(runtime.ctx, slowSend, options);
      expect(first.sent).toBe(2);
      expect(
        (await deliveriesOf(rule.id)).filter((d: { state: string }) => d.state === "pending").length,
      ).toBeGreaterThan(0);
      // The rest was given back, not left claimed: the next pass sends it at once.
      const fast = async (_config: unknown, message: { deliveryId: string }) => {
        sent.push(message.deliveryId);
      };
      while ((await dispatchDueDeliveries(runtime.ctx, fast, options)).sent > 0) {}
      expect((await deliveriesOf(rule.id)).map((d: { state: string }) => d.state)).toEqual([
        "sent",
        "sent",
        "sent",
      ]);
      expect(new Set(sent).size).toBe(sent.length);
      await api("DELETE", `/api/alert-rules/${rule.id}`);
    });

    it("keeps the record of the dispatcher that took a delivery over, not of the one whose claim ran out", async () => {
      const rule = await webhookRule("Übernommener Webhook");
      await post([
        buildPost({ text: threat, postedAt: clock.now().toISOString(), author: { handle: "hang1" } }),
      ]);
      let tookOver = { sent: 0, retrying: 0, failed: 0 };
      // The first dispatcher's send hangs past its claim; meanwhile another process takes the delivery over and
      // sends it; then the first send fails.
      const hanging = async () => {
        await clock.advance(claimMs + 1_000);
        tookOver = await dispatchDueDeliveries(runtime.ctx, async () => {}, options);
        throw Object.assign(new Error("timeout after 10000 ms"), { retryable: true });
      };
      await dispatchDueDeliveries(runtime.ctx, hanging, options);
      expect(tookOver.sent).toBeGreaterThan(0);
      const [delivery] = await deliveriesOf(rule.id);
      expect(delivery).toMatchObject({ state: "sent", attempts: 1, lastError: null, nextAttemptAt: null });
      await api("DELETE", `/api/alert-rules/${rule.id}`);
    });
  });
});
