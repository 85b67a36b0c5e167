import { describe, expect, it } from "vitest";
import comments from "./fixtures/comments.json" with { type: "json" };
import newPage from "./fixtures/new.json" with { type: "json" };
import search from "./fixtures/search.json" with { type: "json" };
import { isoFromEpochSeconds, type MappedThing, mapRedditThing } from "./reddit.map.ts";

const [linkPost, deletedAuthor, selfPost, removedPost] = newPage.data.children;
const [reply, nestedReply, removedComment] = comments.data.children;

/** A copy of a fixture thing with some of its data fields replaced. */
function withData<T extends { data: object }>(thing: T | undefined, data: Record<string, unknown>): unknown {
  if (!thing) throw new Error("fixture thing missing");
  return { ...thing, data: { ...thing.data, ...data } };
}

function postOf(mapped: MappedThing) {
  if (mapped.kind !== "post") throw new Error(`expected a post, got ${JSON.stringify(mapped)}`);
  return mapped.post;
}

describe("mapRedditThing", () => {
  it("maps a self post: title and Markdown text, fullname, permalink, time, author and counts", () => {
    const post = postOf(mapRedditThing(selfPost));
    expect(post).toEqual({
      platform: "reddit",
      externalId: "t3_1h0k2qa",
      text: "Nordwind Mobil seit heute Morgen kein Netz in Hamburg\n\nWeder Telefon noch mobile Daten & die Hotline ist dauerbesetzt. Betrifft das noch jemanden außer mir?",
      postedAt: "2026-11-25T09:30:00.000Z",
      author: { handle: "stoerungsmelder_hh" },
      url: "https://www.reddit.com/r/de/comments/1h0k2qa/nordwind_mobil_seit_heute_morgen_kein_netz_in/",
      metrics: { likes: 312, replies: 47 },
      raw: selfPost,
    });
  });

  it("keeps the linked address of a link post in its text", () => {
    const post = postOf(mapRedditThing(linkPost));
    expect(post.text).toBe(
      "Nordwind Mobil: Bundesweite Störung im Mobilfunknetz – Ursache weiter unklar\n\nhttps://www.tagesschau.de/wirtschaft/unternehmen/nordwind-mobil-stoerung-100.html",
    );
    expect(post.url).toBe(
      "https://www.reddit.com/r/de/comments/1h0m7rd/nordwind_mobil_bundesweite_strung_im/",
    );
  });

  it("keeps a post whose author deleted the account, under Reddit's handle [deleted]", () => {
    const post = postOf(mapRedditThing(deletedAuthor));
    expect(post.author).toEqual({ handle: "[deleted]" });
    expect(post.text).toContain("außerordentlich kündigen");
  });

  it.each([
    ["a removed link", removedPost, "t3_1h0jq4n"],
    ["a removed comment", removedComment, "t1_lzq5v0c"],
    [
      "a link its author deleted",
      withData(selfPost, { selftext: "[deleted]", author: "[deleted]" }),
      "t3_1h0k2qa",
    ],
    [
      "a comment its author deleted",
      withData(reply, { body: "[deleted]", author: "[deleted]" }),
      "t1_lzq8k2m",
    ],
  ])("reports %s as deleted instead of mapping it", (_, thing, externalId) => {
    expect(mapRedditThing(thing)).toEqual({ kind: "deleted", externalId });
  });

  it("maps a comment: body, the thing it replies to, and a link into its thread", () => {
    const post = postOf(mapRedditThing(nestedReply));
    expect(post).toMatchObject({
      externalId: "t1_lzq7b1x",
      text: 'Same in Kiel. Their status page still says "all systems operational" which is honestly insulting.',
      postedAt: "2026-11-25T10:41:00.000Z",
      author: { handle: "ferngesteuert" },
      inReplyTo: "t1_lzq5v0c",
      // The wiki's comment has no permalink; "Fetching more" documents /comments/{link}/{any}/{comment}.
      url: "https://www.reddit.com/comments/1h0k2qa/_/lzq7b1x/",
      metrics: { likes: 17 },
    });
  });

  it("uses a comment's permalink when the API sends one", () => {
    const thing = withData(reply, { permalink: "/r/de/comments/1h0k2qa/nordwind_mobil/lzq8k2m/" });
    expect(postOf(mapRedditThing(thing)).url).toBe(
      "https://www.reddit.com/r/de/comments/1h0k2qa/nordwind_mobil/lzq8k2m/",
    );
  });

  it("leaves a negative score out of the likes (the Post model counts from zero)", () => {
    const post = postOf(mapRedditThing(withData(selfPost, { score: -4 })));
    expect(post.metrics).toEqual({ replies: 47 });
  });

  it("keeps text that raw_json=1 left unescaped as it is", () => {
    const post = postOf(mapRedditThing(search.data.children[0]));
    expect(post.text).toContain("for work <and> nobody");
  });

  it("cuts text to the Post model's 40,000 characters", () => {
    const post = postOf(mapRedditThing(withData(selfPost, { selftext: "ä".repeat(50_000) })));
    expect(post.text).toHaveLength(40_000);
  });

  it.each([
    ["a thing of another kind", { kind: "t5", data: { name: "t5_22i0", created_utc: 1 } }],
    ["a link without a title", withData(selfPost, { title: undefined })],
    ["a link with a text time", withData(selfPost, { created_utc: "gestern" })],
    ["a comment with a broken parent", withData(reply, { parent_id: "lzq" })],
    ["a promotional link without an author", withData(linkPost, { author: null })],
    ["a comment with an empty body", withData(reply, { body: "  " })],
    ["not an object", "t3_1h0k2qa"],
  ])("skips %s", (_, thing) => {
    expect(mapRedditThing(thing).kind).toBe("skipped");
  });
});

describe("isoFromEpochSeconds", () => {
  it.each([
    [1795599000, "2026-11-25T09:30:00.000Z"],
    [1795599000.0, "2026-11-25T09:30:00.000Z"],
    [0, "1970-01-01T00:00:00.000Z"],
  ])("reads %d as %s", (seconds, iso) => {
    expect(isoFromEpochSeconds(seconds)).toBe(iso);
  });
});
