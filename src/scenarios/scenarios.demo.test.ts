import { beforeAll, describe, expect, it } from "vitest";
import { type PlannedPost, planScenario } from "../core/scenario/scenario.plan.ts";
import type { Scenario } from "../core/scenario/scenario.schema.ts";
import { PostCreate } from "../posts/posts.schema.ts";
import { demoScenarioPath, loadScenarioFile } from "./scenarios.files.ts";

const MINUTE = 60_000;
const startedAt = new Date("2026-04-15T11:00:00Z");
let demo: Scenario;

beforeAll(async () => {
  const result = await loadScenarioFile(demoScenarioPath);
  if (!result.ok)
    throw new Error(`scenarios/demo.yaml is invalid:\n${JSON.stringify(result.errors, null, 2)}`);
  demo = result.scenario;
});

const plan = (fromMinute: number, toMinute: number) =>
  planScenario(demo, { fromMs: fromMinute * MINUTE, toMs: toMinute * MINUTE, startedAt });
const perMinute = (posts: PlannedPost[], minutes: number) => posts.length / minutes;

describe("scenarios/demo.yaml", () => {
  it("validates and keeps the ordinary chatter running after the script", () => {
    expect(demo.id).toBe("nordwind-demo");
    expect(demo.organisation.name).toBe("Nordwind Mobil GmbH");
    expect(demo.afterScript).toBe("repeat_background");
  });

  it("has at least 40 templates in each language, so the stream does not look repetitive", () => {
    const count = (lang: "de" | "en") =>
      demo.streams.reduce((sum, stream) => sum + stream.templates[lang].length, 0);
    expect(count("de")).toBeGreaterThanOrEqual(40);
    expect(count("en")).toBeGreaterThanOrEqual(40);
  });

  it("posts mostly German with about a third English, on several platforms", () => {
    const posts = plan(0, 20);
    const german = posts.filter((planned) => planned.post.lang === "de").length / posts.length;
    expect(german).toBeGreaterThan(0.6);
    expect(german).toBeLessThan(0.8);
    expect(posts.some((planned) => planned.post.lang === "en")).toBe(true);
    expect(new Set(posts.map((planned) => planned.post.platform)).size).toBeGreaterThanOrEqual(6);
  });

  it("plays 6 to 10 posts a minute before the outage", () => {
    const rate = perMinute(plan(0, 2), 2);
    expect(rate).toBeGreaterThanOrEqual(6);
    expect(rate).toBeLessThanOrEqual(10);
  });

  it("at least triples the volume in minutes 6 to 10 compared with minutes 0 to 2", () => {
    expect(perMinute(plan(6, 10), 4)).toBeGreaterThanOrEqual(3 * perMinute(plan(0, 2), 2));
  });

  it("eases again by minute 15", () => {
    expect(perMinute(plan(15, 20), 5)).toBeLessThan(1.5 * perMinute(plan(0, 2), 2));
  });

  it("gives every post of 20 minutes its own external id", () => {
    const ids = plan(0, 20).map((planned) => planned.post.externalId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("produces posts that the ingest schema accepts as they arrive in JSON", () => {
    for (const { post } of plan(0, 25)) {
      const parsed = PostCreate.safeParse(JSON.parse(JSON.stringify(post)));
      expect(parsed.error?.issues ?? [], post.externalId).toEqual([]);
    }
  });

  it("spreads the phishing lookalike link during the outage, and only then", () => {
    const phishing = (posts: PlannedPost[]) =>
      posts.filter((planned) => planned.post.text.includes("nordwind-mobil-erstattung.de.example"));
    expect(phishing(plan(8, 12)).length).toBeGreaterThanOrEqual(3);
    expect(phishing(plan(0, 8))).toEqual([]);
    expect(phishing(plan(20, 60))).toEqual([]);
  });

  it("lets a crowd of new accounts join with #NordwindDown", () => {
    const newVoices = plan(5, 11).filter(
      (planned) =>
        planned.post.text.includes("#NordwindDown") &&
        (planned.post.author.createdAt?.getTime() ?? 0) > startedAt.getTime() - 90 * 86_400_000,
    );
    expect(new Set(newVoices.map((planned) => planned.post.author.handle)).size).toBeGreaterThanOrEqual(30);
  });

  it("repeats only the everyday streams after minute 20", () => {
    const later = plan(60, 62);
    const waves = new Set(demo.streams.filter((stream) => stream.kind === "wave").map((stream) => stream.id));
    expect(perMinute(later, 2)).toBeGreaterThanOrEqual(6);
    expect(later.some((planned) => waves.has(planned.post.externalId.split(":")[1] ?? ""))).toBe(false);
  });
});
