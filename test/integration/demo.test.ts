import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMembers } from "../../src/orgs/orgs.service.ts";
import { ManualClock } from "../../src/platform/clock.ts";
import { listPosts, postStats } from "../../src/posts/posts.service.ts";
import { demoScenarioPath, loadScenarioFile } from "../../src/scenarios/scenarios.files.ts";
import { playScenario, seedDemoWorkspace, startDemoStream } from "../../src/scenarios/scenarios.service.ts";
import { listTopics } from "../../src/topics/topics.service.ts";
import { seedDemoExercise } from "../../src/training/training.demo.ts";
import { listExercises } from "../../src/training/training.exercise.ts";
import { startTestRuntime } from "../harness.ts";

describe("demo workspace", () => {
  const clock = new ManualClock("2026-11-25T09:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;

  beforeAll(async () => {
    runtime = await startTestRuntime("pglite", { clock });
  });
  afterAll(() => runtime.dispose());

  it("is seeded once: a second start finds the same organisation, members and topics", async () => {
    const first = await seedDemoWorkspace(runtime.ctx);
    const second = await seedDemoWorkspace(runtime.ctx);
    expect(second.orgId).toBe(first.orgId);
    const actor = { orgId: first.orgId, role: "admin" as const, userId: null, tokenId: null };
    expect((await listMembers(runtime.ctx, actor)).map((m) => m.role).sort()).toEqual([
      "admin",
      "agent",
      "manager",
      "viewer",
    ]);
    expect(await listTopics(runtime.ctx, actor)).toHaveLength(5);
  });

  it("offers an exercise to try, once, waiting in the lobby for the demo team", async () => {
    const demo = await seedDemoWorkspace(runtime.ctx);
    const first = await seedDemoExercise(runtime.ctx, demo);
    expect(first).toMatchObject({ scenarioId: "complaint-escalates", status: "lobby", lang: "de" });
    expect(first?.teams.map((t) => t.name)).toEqual(["Team Nord"]);
    expect(await seedDemoExercise(runtime.ctx, demo)).toBeNull();
    const admin = { orgId: demo.orgId, role: "admin" as const, userId: null, tokenId: null };
    expect(await listExercises(runtime.ctx, admin)).toHaveLength(1);
  });

  it("plays German and English posts into the normal ingest path, matched to the demo topics", async () => {
    const demo = await seedDemoWorkspace(runtime.ctx);
    const stop = await startDemoStream(runtime.ctx, demo);
    for (let i = 0; i < 120; i++) await clock.advance(1000);
    await stop();
    await runtime.ctx.bus.idle();
    const actor = { orgId: demo.orgId, role: "admin" as const, userId: null, tokenId: null };
    const stats = await postStats(runtime.ctx, actor, { bucket: "minute" });
    expect(stats.total).toBeGreaterThan(8);
    expect(stats.byLang.map((r) => r.key).sort()).toEqual(["de", "en"]);
    expect(stats.byTopic.length).toBeGreaterThanOrEqual(2);
    const { items } = await listPosts(runtime.ctx, actor, { limit: 200, sort: "time" });
    expect(items.every((p) => new Date(p.postedAt) <= clock.now())).toBe(true);
  });

  it("continues a run after a restart instead of starting over or repeating posts", async () => {
    const demo = await seedDemoWorkspace(runtime.ctx);
    const actor = { orgId: demo.orgId, role: "admin" as const, userId: null, tokenId: null };
    const before = (await postStats(runtime.ctx, actor, { bucket: "minute" })).total;
    const loaded = await loadScenarioFile(demoScenarioPath);
    if (!loaded.ok) throw new Error("demo scenario invalid");
    const stop = await playScenario(runtime.ctx, demo.orgId, loaded.scenario);
    await clock.advance(1000);
    await runtime.ctx.bus.idle();
    // Nothing from the first two minutes again: only what fell due in the last second.
    const afterRestart = (await postStats(runtime.ctx, actor, { bucket: "minute" })).total;
    expect(afterRestart - before).toBeLessThan(5);
    for (let i = 0; i < 240; i++) await clock.advance(1000);
    await stop();
    await runtime.ctx.bus.idle();
    const later = await postStats(runtime.ctx, actor, { bucket: "minute" });
    expect(later.total).toBeGreaterThan(afterRestart + 20);
    const ids = (await listPosts(runtime.ctx, actor, { limit: 200, sort: "time" })).items.map(
      (p) => p.externalId,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});
