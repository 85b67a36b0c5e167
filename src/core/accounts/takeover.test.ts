import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectTakeover, excerptOf, type OwnPost } from "./takeover.ts";

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

describe("excerptOf", () => {
  it("keeps short texts and cuts long ones with an ellipsis", () => {
    expect(excerptOf("kurz")).toBe("kurz");
    expect(excerptOf("a".repeat(200))).toBe(`${"a".repeat(160)}…`);
    expect(excerptOf("👍".repeat(3), 2)).toBe("👍👍…");
  });

  it("never cuts a character in two, whatever the text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 400 }),
        fc.integer({ min: 1, max: 200 }),
        (text, n) => {
          const excerpt = excerptOf(text, n);
          const body = excerpt.endsWith("…") && excerpt !== text ? excerpt.slice(0, -1) : excerpt;
          expect(text.startsWith(body)).toBe(true);
          expect(Array.from(body).length).toBeLessThanOrEqual(n);
          // The cut never leaves half of a surrogate pair that was whole in the text.
          const last = body.charCodeAt(body.length - 1);
          if (body.length < text.length && last >= 0xd800 && last <= 0xdbff) {
            const next = text.charCodeAt(body.length);
            expect(next >= 0xdc00 && next <= 0xdfff).toBe(false);
          }
        },
      ),
    );
  });
});
