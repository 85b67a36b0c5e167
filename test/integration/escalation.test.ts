import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEscalationMonitor } from "../../src/escalation/escalation.service.ts";
import { ManualClock } from "../../src/platform/clock.ts";
import { buildPost } from "../factories.ts";
import { seedOrganisation, signIn, startTestApp, startTestRuntime } from "../harness.ts";

const angry = [
  "Nordwind, ihr seid das Letzte! Seit Stunden kein Netz und keiner geht an die Hotline. Unverschämt!",
  "Schon wieder Totalausfall bei Nordwind. Ich kündige, so ein Saftladen!",
  "Nordwind outage again, worst provider ever, absolutely useless customer service!",
];

describe("escalation of a tracked topic", () => {
  const clock = new ManualClock("2026-11-25T12:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    runtime = await startTestRuntime("pglite", { clock });
    app = await startTestApp(runtime);
    const { email } = await seedOrganisation(runtime, "nordwind");
    admin = await signIn(app, email);
    await app.inject({
      method: "POST",
      url: "/api/topics",
      headers: admin.headers,
      payload: { name: "Marke", query: "nordwind" },
    });
    // Two quiet days: one friendly post an hour.
    const quiet = Array.from({ length: 48 }, (_, i) =>
      buildPost({
        externalId: `quiet-${i}`,
        text: "Guter Empfang mit Nordwind heute, danke!",
        postedAt: new Date(clock.now().getTime() - (49 - i) * 3_600_000).toISOString(),
      }),
    );
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: admin.headers,
      payload: { posts: quiet },
    });
    await runtime.ctx.bus.idle();
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  const levels = async () =>
    (await app.inject({ method: "GET", url: "/api/escalation", headers: admin.headers })).json().items;

  it("is calm on an ordinary day and explains itself in German and English", async () => {
    const [topic] = await levels();
    expect(topic.level).toBeLessThanOrEqual(1);
    expect(topic.explanation.de).toMatch(/^Stufe \d/);
    expect(topic.explanation.en).toMatch(/^level \d/i);
    expect(topic.minutes).toHaveLength(60);
  });

  it("climbs when many different people post angrily within the hour", async () => {
    const storm = Array.from({ length: 90 }, (_, i) =>
      buildPost({
        externalId: `storm-${i}`,
        text: angry[i % angry.length],
        platform: i % 3 === 0 ? "x" : "mastodon",
        postedAt: new Date(clock.now().getTime() - (50 - Math.floor(i / 2)) * 60_000).toISOString(),
        author: { handle: `wuetend${i}`, followers: 300 + i * 10 },
      }),
    );
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: admin.headers,
      payload: { posts: storm },
    });
    await runtime.ctx.bus.idle();
    await new Promise((r) => setTimeout(r, 50)); // the monitor counts stored posts asynchronously
    const [topic] = await levels();
    expect(topic.level).toBeGreaterThanOrEqual(3);
    expect(topic.metrics.volumeRatio).toBeGreaterThan(10);
    expect(topic.minutes.reduce((s: number, m: { volume: number }) => s + m.volume, 0)).toBe(90);
  });

  it("leaves out the organisation's own accounts: their replies are the organisation speaking, not the public", async () => {
    const saved = await app.inject({
      method: "PUT",
      url: "/api/risk/profile",
      headers: admin.headers,
      payload: {
        brandNames: ["Nordwind"],
        domains: ["nordwind-mobil.de"],
        officialAccounts: [{ handle: "nordwind_hilfe" }],
        executives: [],
        watchlist: [],
      },
    });
    expect(saved.statusCode).toBe(200);
    await runtime.ctx.bus.idle();
    const volumeOf = (topic: { minutes: { volume: number }[] }) =>
      topic.minutes.reduce((sum, m) => sum + m.volume, 0);
    const [before] = await levels();
    // The support team answers the storm: 30 apologies from the official account (any letter case),
    // which the risk engine may well call negative; and one more angry customer.
    const replies = Array.from({ length: 30 }, (_, i) =>
      buildPost({
        externalId: `reply-${i}`,
        text: "Nordwind: Das tut uns leid! Schreib uns bitte eine DM mit deiner Kundennummer.",
        platform: "x",
        postedAt: new Date(clock.now().getTime() - (40 - i) * 60_000).toISOString(),
        author: { handle: i % 2 === 0 ? "nordwind_hilfe" : "Nordwind_Hilfe", followers: 48_200 },
      }),
    );
    const customer = buildPost({
      externalId: "storm-late",
      text: angry[0],
      platform: "x",
      postedAt: new Date(clock.now().getTime() - 2 * 60_000).toISOString(),
      author: { handle: "wuetend_spaet", followers: 120 },
    });
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: admin.headers,
      payload: { posts: [...replies, customer] },
    });
    await runtime.ctx.bus.idle();
    await new Promise((r) => setTimeout(r, 50));
    const [after] = await levels();
    expect(volumeOf(after)).toBe(volumeOf(before) + 1);
    expect(after.metrics.volume).toBe(before.metrics.volume + 1);
    expect(after.metrics.negativeReach).toBe(before.metrics.negativeReach + 120);
  });

  it("rebuilds the same state from stored posts after a restart", async () => {
    const [before] = await levels();
    await clock.advance(1000); // a restart happens later than the last write
    const fresh = createEscalationMonitor(runtime.ctx);
    try {
      const actor = {
        orgId: (admin.session as { org: { id: string } }).org.id,
        role: "admin" as const,
        userId: null,
        tokenId: null,
      };
      const [after] = await fresh.list(actor);
      expect(after?.metrics.volume).toBe(before.metrics.volume);
      expect(after?.level).toBeGreaterThanOrEqual(3);
    } finally {
      fresh.close();
    }
  });
});

describe("the escalation monitor's memory over many topics", () => {
  const clock = new ManualClock("2026-11-25T12:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    runtime = await startTestRuntime("pglite", {
      clock,
      escalation: { campaignPosts: 1000, knownAuthors: 1000 },
    });
    app = await startTestApp(runtime);
    const { email } = await seedOrganisation(runtime, "budget");
    admin = await signIn(app, email);
    for (const name of ["alpha", "beta", "gamma"]) {
      await app.inject({
        method: "POST",
        url: "/api/topics",
        headers: admin.headers,
        payload: { name, query: name },
      });
    }
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("stays within the process-wide budget: the busiest topics give up their oldest entries, the counts stay whole", async () => {
    // Within the last hour, every post by a new author: each topic's campaign window and author memory grow.
    const counts = { alpha: 1200, beta: 500, gamma: 100 };
    let n = 0;
    for (const [word, count] of Object.entries(counts)) {
      for (let from = 0; from < count; from += 200) {
        const posts = Array.from({ length: Math.min(200, count - from) }, (_, i) => {
          n++;
          return buildPost({
            externalId: `${word}-${from + i}`,
            text: `Post ${n} über ${word}: heute ${n % 7} Mal nachgefragt`,
            postedAt: new Date(clock.now().getTime() - 3_000_000 + n * 1000).toISOString(),
            author: { handle: `stimme_${word}_${from + i}`, followers: 10 },
          });
        });
        const res = await app.inject({
          method: "POST",
          url: "/api/posts",
          headers: admin.headers,
          payload: { posts },
        });
        expect(res.statusCode).toBe(202);
      }
    }
    await runtime.ctx.bus.idle();
    await new Promise((r) => setTimeout(r, 50)); // the monitor counts stored posts asynchronously

    const memory = runtime.escalation.memory();
    expect(memory.topics).toBe(3);
    // 1,800 posts and authors arrived; the budget is 1,000, checked every 100 counted posts.
    expect(memory.campaignPosts).toBeGreaterThanOrEqual(900);
    expect(memory.campaignPosts).toBeLessThanOrEqual(1100);
    expect(memory.knownAuthors).toBeGreaterThanOrEqual(900);
    expect(memory.knownAuthors).toBeLessThanOrEqual(1100);

    // The series count every post: trimming the windows forgets no volume.
    const items = (await app.inject({ method: "GET", url: "/api/escalation", headers: admin.headers })).json()
      .items as Array<{ metrics: { volume: number } }>;
    expect(items.map((t) => t.metrics.volume).sort((a, b) => a - b)).toEqual([100, 500, 1200]);

    const metrics = (await app.inject({ method: "GET", url: "/metrics" })).body;
    expect(metrics).toContain(`brandwache_escalation_entries{kind="topics"} 3`);
    expect(metrics).toMatch(/brandwache_escalation_entries\{kind="campaign_posts"\} \d+/);
  });

  it("counts a post once when its announcement comes again (a replaced worker announcing its batch once more)", async () => {
    const announced: unknown[] = [];
    const stop = runtime.ctx.bus.listen("posts.stored", (payload) => announced.push(payload));
    const volumes = async () =>
      (
        (await app.inject({ method: "GET", url: "/api/escalation", headers: admin.headers })).json()
          .items as Array<{
          metrics: { volume: number };
        }>
      ).map((t) => t.metrics.volume);
    try {
      const post = buildPost({
        externalId: "again-1",
        text: "Noch einmal alpha",
        postedAt: new Date(clock.now().getTime() - 60_000).toISOString(),
      });
      await app.inject({
        method: "POST",
        url: "/api/posts",
        headers: admin.headers,
        payload: { posts: [post] },
      });
      await runtime.ctx.bus.idle();
      await new Promise((r) => setTimeout(r, 50));
      expect(announced).toHaveLength(1);
      const once = await volumes();
      await runtime.ctx.bus.publish("posts.stored", announced[0]);
      await runtime.ctx.bus.idle();
      await new Promise((r) => setTimeout(r, 50));
      expect(await volumes()).toEqual(once);
    } finally {
      stop();
    }
  });
});
