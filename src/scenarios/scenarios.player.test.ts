import { describe, expect, it, vi } from "vitest";
import { loadScenario } from "../core/scenario/scenario.load.ts";
import { planScenario } from "../core/scenario/scenario.plan.ts";
import type { Scenario } from "../core/scenario/scenario.schema.ts";
import { ManualClock } from "../platform/clock.ts";
import type { PostCreate } from "../posts/posts.schema.ts";
import { startScenarioPlayer } from "./scenarios.player.ts";

const MINUTE = 60_000;
const NOW = "2026-04-15T12:00:00Z";

/** Steady chatter at 12 a minute for a 30-minute script, so every few seconds something is due. */
function chatter(afterScript: "stop" | "repeat_background" = "repeat_background"): Scenario {
  const result = loadScenario(
    `id: hafen
version: 1
title: { de: "Hafen", en: "Harbour" }
summary: { de: "Alltag", en: "Everyday" }
organisation: { name: "Nordwind Mobil GmbH" }
seed: 5
durationMinutes: 30
afterScript: ${afterScript}
variables: { city: [Hamburg, Kiel] }
crowds:
  - { id: customers, count: 100, handle: "kunde_{n}", displayName: "Kunde", group: customer, followers: { min: 0, max: 100 }, lang: { de: 1 } }
streams:
  - id: chatter
    rate: 12
    crowds: [customers]
    platforms: { mastodon: 1 }
    templates: { de: ["Moin aus {city}!"] }
`,
    "hafen.yaml",
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

/** Lets the player's pending promise chains run; ManualClock only moves when told to. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

function recordingSink() {
  const batches: PostCreate[][] = [];
  return { batches, sink: async (posts: PostCreate[]) => void batches.push(posts) };
}

const idsOf = (posts: PostCreate[]) => posts.map((post) => post.externalId);
const planned = (scenario: Scenario, startedAt: Date, toMs: number) =>
  idsOf(planScenario(scenario, { fromMs: 0, toMs, startedAt }).map(({ post }) => post));

describe("startScenarioPlayer", () => {
  it("catches up on the posts already due in batches, then follows the clock", async () => {
    const clock = new ManualClock(NOW);
    const scenario = chatter();
    const startedAt = new Date(clock.now().getTime() - 5 * MINUTE);
    const { batches, sink } = recordingSink();
    const player = startScenarioPlayer({
      scenario,
      startedAt,
      clock,
      sink,
      onError: vi.fn(),
      catchUpWindowMs: MINUTE,
    });

    await vi.waitFor(() => expect(player.elapsedMs()).toBe(5 * MINUTE));
    expect(batches.length).toBeGreaterThanOrEqual(5);
    expect(batches.flat()).toHaveLength(60);
    expect(idsOf(batches.flat())).toEqual(planned(scenario, startedAt, 5 * MINUTE));

    for (let second = 0; second < 60; second++) {
      await clock.advance(1000);
      await settle();
    }
    expect(player.elapsedMs()).toBe(6 * MINUTE);
    expect(idsOf(batches.flat())).toEqual(planned(scenario, startedAt, 6 * MINUTE));
    await player.stop();
  });

  it("sends nothing more after stop and resolves once stopped", async () => {
    const clock = new ManualClock(NOW);
    const { batches, sink } = recordingSink();
    const player = startScenarioPlayer({
      scenario: chatter(),
      startedAt: clock.now(),
      clock,
      sink,
      onError: vi.fn(),
    });
    await clock.advance(30_000);
    await settle();
    const sent = batches.flat().length;
    expect(sent).toBeGreaterThan(0);

    await player.stop();
    await clock.advance(5 * MINUTE);
    await settle();
    expect(batches.flat()).toHaveLength(sent);
  });

  it("stops when the caller's signal aborts", async () => {
    const clock = new ManualClock(NOW);
    const { batches, sink } = recordingSink();
    const abort = new AbortController();
    const player = startScenarioPlayer({
      scenario: chatter(),
      startedAt: clock.now(),
      clock,
      sink,
      onError: vi.fn(),
      signal: abort.signal,
    });
    abort.abort();
    await player.stop();
    await clock.advance(MINUTE);
    await settle();
    expect(batches).toEqual([]);
  });

  it("waits for a slow sink and then delivers the backlog without gaps", async () => {
    const clock = new ManualClock(NOW);
    const scenario = chatter();
    const startedAt = clock.now();
    const received: PostCreate[] = [];
    const releases: (() => void)[] = [];
    const sink = (posts: PostCreate[]) =>
      new Promise<void>((resolve) => releases.push(() => resolve(void received.push(...posts))));
    const player = startScenarioPlayer({ scenario, startedAt, clock, sink, onError: vi.fn() });

    await clock.advance(10_000);
    await settle();
    expect(releases).toHaveLength(1);
    for (let second = 0; second < 20; second++) await clock.advance(1000);
    await settle();
    expect(releases).toHaveLength(1);

    releases.shift()?.();
    await vi.waitFor(() => expect(releases).toHaveLength(1));
    releases.shift()?.();
    await vi.waitFor(() => expect(player.elapsedMs()).toBe(30_000));
    expect(idsOf(received)).toEqual(planned(scenario, startedAt, 30_000));
    await player.stop();
  });

  it("reports a failing sink to onError and sends the same posts again after a back-off", async () => {
    const clock = new ManualClock(NOW);
    const scenario = chatter();
    const startedAt = new Date(clock.now().getTime() - MINUTE);
    const received: PostCreate[] = [];
    const outage = new Error("ingest unavailable");
    let calls = 0;
    const sink = async (posts: PostCreate[]) => {
      calls++;
      if (calls <= 2) throw outage;
      received.push(...posts);
    };
    const onError = vi.fn();
    const player = startScenarioPlayer({ scenario, startedAt, clock, sink, onError });

    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(onError).toHaveBeenCalledWith(outage);
    expect(player.elapsedMs()).toBe(0);
    await clock.advance(1000);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(2));
    await clock.advance(2000);
    await vi.waitFor(() => expect(player.elapsedMs()).toBe(MINUTE + 3000));
    expect(idsOf(received)).toEqual(planned(scenario, startedAt, MINUTE + 3000));
    await player.stop();
  });

  it("keeps playing when onError itself throws", async () => {
    const clock = new ManualClock(NOW);
    let calls = 0;
    const sink = async () => {
      if (++calls === 1) throw new Error("first delivery fails");
    };
    const player = startScenarioPlayer({
      scenario: chatter(),
      startedAt: new Date(clock.now().getTime() - MINUTE),
      clock,
      sink,
      onError: () => {
        throw new Error("logger broken");
      },
    });
    await settle();
    await clock.advance(1000);
    await vi.waitFor(() => expect(player.elapsedMs()).toBe(MINUTE + 1000));
    await player.stop();
  });

  it("plays faster with speed and dates posts on the wall clock", async () => {
    const clock = new ManualClock(NOW);
    const startedAt = clock.now();
    const { batches, sink } = recordingSink();
    const player = startScenarioPlayer({
      scenario: chatter(),
      startedAt,
      clock,
      sink,
      onError: vi.fn(),
      speed: 4,
    });
    for (let second = 0; second < 15; second++) await clock.advance(1000);
    await settle();
    expect(player.elapsedMs()).toBe(MINUTE);
    expect(batches.flat()).toHaveLength(12);
    for (const post of batches.flat())
      expect(post.postedAt.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    await player.stop();
  });

  it("ends by itself at the end of a script that says stop, after sending everything", async () => {
    const clock = new ManualClock(NOW);
    const scenario = chatter("stop");
    const startedAt = new Date(clock.now().getTime() - 2 * 60 * MINUTE);
    const { batches, sink } = recordingSink();
    const player = startScenarioPlayer({
      scenario,
      startedAt,
      clock,
      sink,
      onError: vi.fn(),
      maxBatchSize: 100,
    });
    await vi.waitFor(() => expect(player.elapsedMs()).toBe(30 * MINUTE));
    await player.stop();
    expect(batches.flat()).toHaveLength(360);
    expect(batches.every((batch) => batch.length <= 100)).toBe(true);
  });

  it("starts at resumeFromMs after a restart instead of replaying from the beginning", async () => {
    const clock = new ManualClock(NOW);
    const scenario = chatter();
    const startedAt = new Date(clock.now().getTime() - 10 * MINUTE);
    const { batches, sink } = recordingSink();
    const player = startScenarioPlayer({
      scenario,
      startedAt,
      clock,
      sink,
      onError: vi.fn(),
      resumeFromMs: 9 * MINUTE,
    });
    await vi.waitFor(() => expect(player.elapsedMs()).toBe(10 * MINUTE));
    await player.stop();
    const expected = planScenario(scenario, { fromMs: 9 * MINUTE, toMs: 10 * MINUTE, startedAt });
    expect(idsOf(batches.flat())).toEqual(expected.map(({ post }) => post.externalId));
  });
});
