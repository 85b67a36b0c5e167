import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario } from "./scenario.load.ts";
import { type PlannedPost, planScenario } from "./scenario.plan.ts";
import type { Scenario } from "./scenario.schema.ts";

const MINUTE = 60_000;
const startedAt = new Date("2026-04-15T10:00:00Z");

/** A ten-minute outage drill: steady chatter, a wave from minute 3 to 6, two statements. */
function drill(afterScript: "stop" | "repeat_background" = "repeat_background", seed = 11): Scenario {
  const result = loadScenario(
    `id: drill
version: 2
title: { de: "Übung", en: "Drill" }
summary: { de: "Störung", en: "Outage" }
organisation: { name: "Nordwind Mobil GmbH", handles: [nordwindmobil] }
seed: ${seed}
durationMinutes: 10
afterScript: ${afterScript}
variables:
  city: [Hamburg, Kiel, Bremen, Lübeck]
personas:
  - { id: official, handle: nordwindmobil, displayName: Nordwind Mobil, group: official_account, lang: de }
  - { id: reporter, handle: jana_hk, displayName: Jana Reimers, group: press, lang: de, followers: 7400 }
crowds:
  - id: customers
    count: 300
    handle: "kunde_{n}"
    displayName: "Kundin aus {city}"
    group: customer
    followers: { min: 0, max: 2000 }
    lang: { de: 7, en: 3 }
injects:
  - { id: statement, at: 3m, persona: official, platform: x, text: "Wir haben eine Störung im Netz." }
  - { id: question, at: 3m30s, persona: reporter, platform: x, text: "Was ist die Ursache?", replyTo: statement }
streams:
  - id: chatter
    rate: 6
    crowds: [customers]
    platforms: { x: 2, mastodon: 1, bluesky: 1 }
    metrics: { likes: { min: 0, max: 10 } }
    templates:
      de: ["Netz in {city} ist gut.", "Neuer Tarif, alles prima in {city}."]
      en: ["Signal in {city} is fine."]
  - id: wave
    kind: wave
    from: 3m
    until: 6m
    rate: { from: 5, to: 25 }
    crowds: [customers]
    personas: [reporter]
    platforms: { x: 1 }
    replies: { to: [statement], share: 0.5 }
    templates:
      de: ["Kein Netz in {city}! #NordwindDown"]
      en: ["No signal in {city}! #NordwindDown"]
`,
    "drill.yaml",
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

const plan = (scenario: Scenario, fromMs: number, toMs: number) =>
  planScenario(scenario, { fromMs, toMs, startedAt });
const ids = (posts: PlannedPost[]) => posts.map((planned) => planned.post.externalId);

describe("planScenario", () => {
  it("gives the same posts whether a span is planned at once or in windows cut anywhere", () => {
    const scenario = drill();
    const whole = plan(scenario, 0, 35 * MINUTE);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 35 * MINUTE - 1 }), { maxLength: 40 }), (cuts) => {
        const bounds = [0, ...cuts.sort((a, b) => a - b), 35 * MINUTE];
        const pieces = bounds.slice(1).flatMap((toMs, i) => plan(scenario, bounds[i] ?? 0, toMs));
        expect(pieces).toEqual(whole);
      }),
    );
  });

  it("gives the same posts in 600 one-second windows as in one ten-minute window", () => {
    const scenario = drill();
    const slices = Array.from({ length: 600 }, (_, i) => plan(scenario, i * 1000, (i + 1) * 1000)).flat();
    expect(slices).toEqual(plan(scenario, 0, 10 * MINUTE));
  });

  it("gives the same posts on every call and different ones for another seed", () => {
    expect(plan(drill(), 0, 10 * MINUTE)).toEqual(plan(drill(), 0, 10 * MINUTE));
    const texts = (posts: PlannedPost[]) =>
      posts.map((planned) => `${planned.offsetMs} ${planned.post.text}`);
    expect(texts(plan(drill("repeat_background", 12), 0, 10 * MINUTE))).not.toEqual(
      texts(plan(drill(), 0, 10 * MINUTE)),
    );
  });

  it("never repeats an external id, also in the repeated background", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const posts = plan(drill("repeat_background", seed), 0, 45 * MINUTE);
        expect(new Set(ids(posts)).size).toBe(posts.length);
      }),
      { numRuns: 20 },
    );
  });

  it("sorts posts by offset and dates them from the start", () => {
    const posts = plan(drill(), 0, 10 * MINUTE);
    for (const [i, planned] of posts.entries()) {
      expect(planned.post.postedAt.getTime()).toBe(startedAt.getTime() + planned.offsetMs);
      if (i > 0) expect(planned.offsetMs).toBeGreaterThanOrEqual(posts[i - 1]?.offsetMs ?? 0);
    }
  });

  it("posts an inject at its time with its persona, and its reply points at the external id", () => {
    const posts = plan(drill(), 3 * MINUTE + 30_000, 3 * MINUTE + 30_001);
    expect(posts).toEqual([
      {
        offsetMs: 210_000,
        post: expect.objectContaining({
          platform: "x",
          externalId: "drill:question:0",
          text: "Was ist die Ursache?",
          lang: "de",
          inReplyTo: "drill:statement:0",
          author: expect.objectContaining({
            handle: "jana_hk",
            displayName: "Jana Reimers",
            followers: 7400,
          }),
          raw: {
            scenario: "drill",
            scenarioVersion: "2",
            persona: "reporter",
            group: "press",
            source: "question",
            sequence: 0,
          },
        }),
      },
    ]);
  });

  it("fills templates from the variables and writes in the author's language", () => {
    const posts = plan(drill(), 0, 10 * MINUTE).filter((planned) =>
      planned.post.externalId.startsWith("drill:chatter:"),
    );
    expect(posts).toHaveLength(60);
    for (const { post } of posts) {
      expect(post.text).toMatch(
        /^(Netz in|Neuer Tarif, alles prima in|Signal in) (Hamburg|Kiel|Bremen|Lübeck)/,
      );
      expect(post.lang).toBe(post.text.startsWith("Signal") ? "en" : "de");
      expect(post.author.handle).toMatch(/^kunde_\d+$/);
      expect(post.metrics?.likes).toBeLessThanOrEqual(10);
    }
    expect(new Set(posts.map((planned) => planned.post.lang))).toEqual(new Set(["de", "en"]));
  });

  it("lets the wave rise from its start to its end and reply only to statements already posted", () => {
    const wave = plan(drill(), 0, 10 * MINUTE).filter((planned) =>
      planned.post.externalId.startsWith("drill:wave:"),
    );
    expect(wave).toHaveLength(45);
    expect(wave.every((planned) => planned.offsetMs >= 3 * MINUTE && planned.offsetMs < 6 * MINUTE)).toBe(
      true,
    );
    const firstMinute = wave.filter((planned) => planned.offsetMs < 4 * MINUTE).length;
    const lastMinute = wave.filter((planned) => planned.offsetMs >= 5 * MINUTE).length;
    expect(lastMinute).toBeGreaterThan(2 * firstMinute);
    expect(wave.some((planned) => planned.post.inReplyTo === "drill:statement:0")).toBe(true);
  });

  it("repeats only the background after the script and continues its sequence numbers", () => {
    const later = plan(drill(), 20 * MINUTE, 30 * MINUTE);
    expect(later).toHaveLength(60);
    expect(ids(later).every((id) => id.startsWith("drill:chatter:"))).toBe(true);
    const sequences = later.map((planned) => Number(planned.post.externalId.split(":")[2]));
    expect(Math.min(...sequences)).toBe(120);
    expect(Math.max(...sequences)).toBe(179);
  });

  it("plays nothing after the script when the scenario says stop", () => {
    const scenario = drill("stop");
    expect(plan(scenario, 10 * MINUTE, 60 * MINUTE)).toEqual([]);
    expect(plan(scenario, 0, 60 * MINUTE)).toEqual(plan(scenario, 0, 10 * MINUTE));
  });

  it("plays nothing in an empty or negative window and refuses an endless one", () => {
    expect(plan(drill(), 5 * MINUTE, 5 * MINUTE)).toEqual([]);
    expect(plan(drill(), -MINUTE, 0)).toEqual([]);
    expect(() => plan(drill(), 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
