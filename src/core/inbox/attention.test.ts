import { describe, expect, it } from "vitest";
import { type AttentionFacts, attentionReasons, mentionsOfficial } from "./attention.ts";

const accounts = [{ platform: "mastodon", handle: "nordwind" }, { handle: "NordwindHilfe" }];
const facts = (over: Partial<AttentionFacts>): AttentionFacts => ({
  platform: "mastodon",
  text: "Schönes Wetter heute",
  authorHandle: "kunde1",
  priority: 0.1,
  flags: [],
  parentAuthorHandle: null,
  ...over,
});

describe("attention", () => {
  it.each([
    [{ flags: ["complaint"] }, ["complaint"]],
    [{ flags: ["opportunity_question"] }, ["question"]],
    [{ text: "Hey @nordwind, kein Netz!" }, ["mention"]],
    [{ text: "@NORDWINDHILFE?" }, ["mention"]],
    [{ parentAuthorHandle: "nordwind" }, ["reply_to_us"]],
    [{ priority: 0.6 }, ["priority"]],
    [{ priority: 0.59 }, []],
    [{}, []],
  ] as const)("%o needs attention for %o", (over, reasons) => {
    expect(attentionReasons(facts(over as Partial<AttentionFacts>), accounts, 0.6)).toEqual(reasons);
  });

  it("never opens a conversation for the organisation's own posts", () => {
    expect(
      attentionReasons(facts({ authorHandle: "@Nordwind", flags: ["complaint"] }), accounts, 0.6),
    ).toEqual([]);
  });

  it("matches a handle whole and on its platform only", () => {
    expect(mentionsOfficial(accounts, "mastodon", "@nordwindfan sagt hallo")).toBe(false);
    expect(mentionsOfficial(accounts, "bluesky", "@nordwind hallo")).toBe(false);
    expect(mentionsOfficial(accounts, "bluesky", "@nordwindhilfe hallo")).toBe(true);
    expect(mentionsOfficial(accounts, "mastodon", "@nordwind@social.example hallo")).toBe(true);
  });
});
