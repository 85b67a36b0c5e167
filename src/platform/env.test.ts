import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvError, envVariables, loadEnv } from "./env.ts";

describe("loadEnv", () => {
  it("runs on the embedded database and the in-process bus with nothing set", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, BRANDWACHE_BUS: "memory", BRANDWACHE_DEMO: false });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.dataDir).toMatch(/data$/);
  });

  it("treats empty values as unset", () => {
    expect(loadEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("lists every problem at once, by variable", () => {
    try {
      loadEnv({
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        BRANDWACHE_BUS: "kafka://x",
        BRANDWACHE_DEMO: "maybe",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join("\n");
      for (const name of ["PORT", "DATABASE_URL", "BRANDWACHE_BUS", "BRANDWACHE_DEMO"])
        expect(problems).toContain(name);
    }
  });

  it("accepts PostgreSQL and NATS URLs", () => {
    const env = loadEnv({ DATABASE_URL: "postgres://u@db:5432/bw", BRANDWACHE_BUS: "nats://nats:4222" });
    expect(env.DATABASE_URL).toBe("postgres://u@db:5432/bw");
    expect(env.BRANDWACHE_BUS).toBe("nats://nats:4222");
  });
});

describe("the README's configuration table", () => {
  it("names every setting the environment is read for", () => {
    const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const missing = envVariables.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it("rejects a campaign or author budget below 1,000 and names the variable", () => {
    expect(loadEnv({ BRANDWACHE_CAMPAIGN_POSTS: "50000" }).BRANDWACHE_CAMPAIGN_POSTS).toBe(50_000);
    expect(() => loadEnv({ BRANDWACHE_CAMPAIGN_POSTS: "10" })).toThrow(/BRANDWACHE_CAMPAIGN_POSTS/);
    expect(() => loadEnv({ BRANDWACHE_KNOWN_AUTHORS: "many" })).toThrow(/BRANDWACHE_KNOWN_AUTHORS/);
  });
});
