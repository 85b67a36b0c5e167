import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPost, buildStoredPost as stored } from "../../test/factories.ts";
import { PostCreate } from "../posts/posts.schema.ts";
import { ingestMessages } from "../posts/posts.service.ts";
import { chunkMessages, ingestedPostsOf, storedPostsOf } from "./pipeline.messages.ts";

const post = (i: number, overrides: Record<string, unknown> = {}) =>
  PostCreate.parse(buildPost({ externalId: `p-${i}`, ...overrides }));

describe("chunkMessages", () => {
  const opts = {
    maxItems: 3,
    maxBytes: 100,
    bytesOf: (n: number) => n,
    idOf: (n: number) => String(n),
    payload: (items: number[]) => items,
  };

  it("keeps order, at most maxItems per message, and never splits an item", () => {
    expect(chunkMessages([1, 2, 3, 4, 5, 6, 7], opts).map((m) => m.payload)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7],
    ]);
    // By size: 60 + 50 would pass 100; an item of 500 goes alone.
    expect(chunkMessages([60, 50, 30, 500, 1], opts).map((m) => m.payload)).toEqual([
      [60],
      [50, 30],
      [500],
      [1],
    ]);
    expect(chunkMessages([], opts)).toEqual([]);
  });

  it("gives the same items the same id, other items or another order another", () => {
    const [a] = chunkMessages([1, 2], opts);
    expect(chunkMessages([1, 2], opts)[0]?.id).toBe(a?.id);
    expect(chunkMessages([2, 1], opts)[0]?.id).not.toBe(a?.id);
    expect(chunkMessages([1, 3], opts)[0]?.id).not.toBe(a?.id);
  });

  it("puts every item in exactly one message, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 300 }), { maxLength: 60 }), (items) => {
        const messages = chunkMessages(items, opts);
        expect(messages.flatMap((m) => m.payload as number[])).toEqual(items);
        for (const m of messages) {
          const chunk = m.payload as number[];
          expect(chunk.length).toBeLessThanOrEqual(3);
          if (chunk.length > 1) expect(chunk.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe("posts.ingested pages", () => {
  it("hands posts over in pages of up to 50 and reads them back whole", () => {
    const posts = Array.from({ length: 120 }, (_, i) => post(i));
    const messages = ingestMessages("org-1", posts, "src-1");
    expect(messages.map((m) => (m.payload as { posts: unknown[] }).posts.length)).toEqual([50, 50, 20]);
    const back = messages.flatMap((m) => ingestedPostsOf(JSON.parse(JSON.stringify(m.payload))).posts);
    expect(back.map((b) => b.post)).toEqual(posts);
    expect(back.every((b) => b.orgId === "org-1" && b.sourceId === "src-1")).toBe(true);
  });

  it("keeps pages far below NATS's 1 MB however large the posts' original payloads are", () => {
    const raw = {
      comment: { body: "ö".repeat(30_000), replies: Array.from({ length: 200 }, (_, i) => ({ id: i })) },
    };
    const posts = Array.from({ length: 50 }, (_, i) => post(i, { raw, text: "x".repeat(5_000) }));
    const messages = ingestMessages("org-1", posts, null);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(Buffer.byteLength(JSON.stringify(m.payload))).toBeLessThan(600_000);
    expect(messages.flatMap((m) => (m.payload as { posts: unknown[] }).posts)).toHaveLength(50);
  });

  it("replaces an original payload too large for the bus by a note of its size and keeps the post", () => {
    const huge = { body: "x".repeat(2_000_000) };
    const [message] = ingestMessages("org-1", [post(1, { raw: huge }), post(2, { raw: { id: 2 } })], null);
    expect(Buffer.byteLength(JSON.stringify(message?.payload))).toBeLessThan(600_000);
    const [first, second] = ingestedPostsOf(JSON.parse(JSON.stringify(message?.payload))).posts;
    expect(first?.post.text).toBe(post(1).text);
    expect(first?.post.raw).toEqual({
      omitted: "the platform's payload of 2000011 bytes is larger than the 262144 bytes kept per post",
    });
    expect(second?.post.raw).toEqual({ id: 2 });
  });

  it("gives a page with an edit of a post another id than the page with the post", () => {
    const first = ingestMessages("org-1", [post(1), post(2)], null)[0]?.id;
    expect(ingestMessages("org-1", [post(1), post(2)], null)[0]?.id).toBe(first);
    const edited = post(2, { editedAt: "2026-12-03T10:00:00.000Z" });
    expect(ingestMessages("org-1", [post(1), edited], null)[0]?.id).not.toBe(first);
    expect(ingestMessages("org-2", [post(1), post(2)], null)[0]?.id).not.toBe(first);
  });

  it("reads a single post as workers of an earlier version send it", () => {
    const single = JSON.parse(JSON.stringify({ orgId: "org-1", sourceId: null, post: post(5) }));
    expect(ingestedPostsOf(single).posts.map((p) => p.post.externalId)).toEqual(["p-5"]);
  });

  it("keeps the valid posts of a page and reports the malformed ones", () => {
    const page = JSON.parse(
      JSON.stringify({ orgId: "org-1", sourceId: null, posts: [post(1), { text: 7 }, post(2)] }),
    );
    const { posts, malformed } = ingestedPostsOf(page);
    expect(posts.map((p) => p.post.externalId)).toEqual(["p-1", "p-2"]);
    expect(malformed).toHaveLength(1);
  });
});

describe("posts.stored messages", () => {
  it("reads a single announcement as workers of an earlier version send it", () => {
    expect(storedPostsOf(stored(7)).posts).toEqual([stored(7)]);
  });

  it("keeps the valid announcements of a message and reports the malformed ones", () => {
    const { posts, malformed } = storedPostsOf({ posts: [stored(1), { orgId: 3 }, stored(2)] });
    expect(posts.map((p) => p.post.id)).toEqual(["post-1", "post-2"]);
    expect(malformed).toHaveLength(1);
  });
});

describe("reading messages", () => {
  it("never throws, whatever arrives", () => {
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        const stored = storedPostsOf(payload);
        const ingested = ingestedPostsOf(payload);
        expect(stored.posts.length + stored.malformed.length).toBeGreaterThanOrEqual(1);
        expect(ingested.posts.length + ingested.malformed.length).toBeGreaterThanOrEqual(1);
      }),
    );
    expect(storedPostsOf({ posts: [] }).malformed).toHaveLength(1);
  });
});
