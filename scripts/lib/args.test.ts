import { afterEach, describe, expect, it, vi } from "vitest";
import { scriptArgs, usage } from "./args.ts";

const options = {
  posts: { type: "string", value: "N", default: "100", description: "posts to generate" },
  only: { type: "string", value: "PROFILE", description: "embedded or nats" },
  fast: { type: "boolean", description: "skip the slow part" },
} as const;

/** Runs scriptArgs with process.exit and the console captured; returns the exit code (or the values). */
function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
  vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Error(`exit ${code}`);
  });
  try {
    return { values: scriptArgs("npm run bench:x --", "Measures x.", options, argv), out, err };
  } catch (error) {
    return { exit: (error as Error).message, out, err };
  }
}

afterEach(() => vi.restoreAllMocks());

describe("scriptArgs", () => {
  it("reads the options with their defaults", () => {
    expect(run(["--only", "nats", "--fast"]).values).toEqual({ posts: "100", only: "nats", fast: true });
    expect(run([]).values).toEqual({ posts: "100" });
  });

  it("prints the usage and exits 0 on --help", () => {
    const { exit, out } = run(["--help"]);
    expect(exit).toBe("exit 0");
    expect(out.join("\n")).toContain("Usage: npm run bench:x -- [options]");
    expect(out.join("\n")).toMatch(/--posts N\s+posts to generate \(default: 100\)/);
  });

  it("names an unknown option or a missing value and exits 2, without a stack trace", () => {
    const unknown = run(["--bogus"]);
    expect(unknown.exit).toBe("exit 2");
    expect(unknown.err[0]).toMatch(/^bench:x: Unknown option '--bogus'/);
    const missing = run(["--only"]);
    expect(missing.exit).toBe("exit 2");
    expect(missing.err[0]).toMatch(/--only/);
  });
});

describe("usage", () => {
  it("lists every option and --help", () => {
    const text = usage("npm run bench:x --", "Measures x.", options);
    for (const flag of ["--posts N", "--only PROFILE", "--fast", "--help"]) expect(text).toContain(flag);
  });
});
