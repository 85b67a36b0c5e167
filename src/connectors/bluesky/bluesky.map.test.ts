import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapBlueskyPost } from "./bluesky.map.ts";
import first from "./fixtures/search-first.json" with { type: "json" };

const [hamburg, bremenReply, futureDated, unresolvedHandle] = first.posts;

/** A post view of the fixture with another record text, as the AppView would send it. */
function withText(text: string) {
  return { ...hamburg, record: { ...hamburg?.record, text } };
}

describe("mapBlueskyPost", () => {
  it("maps a German post with its author, link and counters", () => {
    expect(mapBlueskyPost(hamburg)).toEqual({
      platform: "bluesky",
      externalId: "at://did:plc:454ml6lg4tjfcz4kaedcmpb5/app.bsky.feed.post/3n353atu5u2fo",
      text: "Seit 6 Uhr kein Netz in Hamburg-Altona. Nordwind, ernsthaft? Die Hotline legt einfach auf. #nordwind #störung",
      postedAt: "2026-11-25T11:41:09.512Z",
      author: {
        handle: "mia-hh.bsky.social",
        displayName: "Mia 🐟 Hamburg",
        createdAt: "2023-09-02T18:21:44.107Z",
      },
      url: "https://bsky.app/profile/mia-hh.bsky.social/post/3n353atu5u2fo",
      lang: "de",
      metrics: { likes: 37, shares: 11, replies: 4 },
      raw: hamburg,
    });
  });

  it("names the parent of a reply by its at:// URI", () => {
    const post = mapBlueskyPost(bremenReply);
    expect(post?.inReplyTo).toBe(bremenReply?.record.reply?.parent.uri);
    expect(post?.lang).toBe("en");
  });

  it("takes the indexing time when the post claims a time in the future", () => {
    expect(futureDated?.record.createdAt).toBe("2026-11-25T13:20:00.000Z");
    expect(mapBlueskyPost(futureDated)?.postedAt).toBe(futureDated?.indexedAt);
  });

  it("names an account whose handle no longer resolves by its DID", () => {
    const post = mapBlueskyPost(unresolvedHandle);
    const did = unresolvedHandle?.author.did ?? "";
    expect(post?.author).toEqual({ handle: did, createdAt: "2025-01-05T09:44:00.000Z" });
    expect(post?.url).toBe(`https://bsky.app/profile/${did}/post/3n34z37wxzczp`);
    expect(post?.lang).toBe("de");
  });

  it.each([
    ["not an object", "at://did:plc:x/app.bsky.feed.post/1"],
    ["a repost record", { ...hamburg, record: { ...hamburg?.record, $type: "app.bsky.feed.repost" } }],
    ["a URI of another collection", { ...hamburg, uri: hamburg?.uri.replace("feed.post", "feed.like") }],
    ["a URI of another account", { ...hamburg, uri: bremenReply?.uri }],
    ["an indexing time without offset", { ...hamburg, indexedAt: "2026-11-25T11:41:10" }],
    ["a picture without text", withText("  ")],
  ])("returns null for %s", (_, payload) => {
    expect(mapBlueskyPost(payload)).toBeNull();
  });

  it("keeps the text as written and never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.string({ maxLength: 40 }), (text, createdAt) => {
        const payload = { ...withText(text), record: { ...withText(text).record, createdAt } };
        const post = mapBlueskyPost(payload);
        return text.trim() === "" ? post === null : post?.text === text.trim();
      }),
    );
  });
});
