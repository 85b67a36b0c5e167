import { describe, expect, it } from "vitest";
import { detectTakeover, type OwnPost } from "./takeover.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 11, minute));
const post = (id: string, minute: number, flags: string[], text = `post ${id}`): OwnPost => ({
  id,
  postedAt: at(minute),
  text,
  flags,
});

describe("detectTakeover", () => {
  it("stays quiet for an account's ordinary posts, apologies and hotline numbers included", () => {
    const report = detectTakeover(
      [
        post("a", 1, ["negative", "fact_claim"]),
        post("b", 2, ["leak_pii", "opportunity_question"]),
        post("c", 3, []),
      ],
      3,
      2,
    );
    expect(report).toEqual({ suspected: false, signals: [], burst: null });
  });

  it("reports own posts flagged for what an organisation never posts, newest first", () => {
    const report = detectTakeover(
      [
        post("old", 5, ["toxic", "negative"], "Ihr seid alle Idioten"),
        post("new", 40, ["scam", "malicious_link"], "Gratis iPhone: http://gewinn.example"),
        post("leak", 20, ["leak_confidential"]),
      ],
      0,
      0,
    );
    expect(report.suspected).toBe(true);
    expect(report.signals).toEqual([
      {
        postId: "new",
        postedAt: at(40),
        categories: ["scam", "malicious_link"],
        excerpt: "Gratis iPhone: http://gewinn.example",
      },
      { postId: "leak", postedAt: at(20), categories: ["leak_confidential"], excerpt: "post leak" },
      { postId: "old", postedAt: at(5), categories: ["toxic"], excerpt: "Ihr seid alle Idioten" },
    ]);
    expect(report.burst).toBeNull();
  });

  it("quotes a long post on one line, cut at 160 characters", () => {
    const long = `Gewinnspiel!\n${"Jetzt klicken ".repeat(20)}`;
    const [signal] = detectTakeover([post("s", 1, ["scam"], long)], 0, 0).signals;
    expect(signal?.excerpt).not.toContain("\n");
    expect(signal?.excerpt.endsWith("…")).toBe(true);
    expect(signal?.excerpt.length).toBeLessThanOrEqual(161);
  });

  it("sees a burst: at least five posts in the hour and more than three times the busiest hour", () => {
    expect(detectTakeover([], 7, 2)).toEqual({
      suspected: true,
      signals: [],
      burst: { lastHour: 7, usualMaxHour: 2 },
    });
    expect(detectTakeover([], 6, 2).burst).toBeNull();
    // A quiet account: five posts in an hour against none before.
    expect(detectTakeover([], 5, 0).burst).toEqual({ lastHour: 5, usualMaxHour: 0 });
    expect(detectTakeover([], 4, 0).burst).toBeNull();
    // A busy support account keeps its pace.
    expect(detectTakeover([], 40, 25).burst).toBeNull();
  });
});
