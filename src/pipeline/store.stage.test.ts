import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type StoredPost, storedPostsOf } from "./pipeline.messages.ts";
import { announcementMessages } from "./store.stage.ts";

function stored(i: number, text = `Post ${i}`, edited = false): StoredPost {
  return {
    orgId: "org-1",
    ...(edited ? { edited: true } : {}),
    post: {
      id: `post-${i}`,
      platform: "mastodon",
      externalId: `ext-${i}`,
      text,
      lang: "de",
      url: null,
      postedAt: "2026-12-03T09:00:00.000Z",
      ingestedAt: "2026-12-03T09:00:01.000Z",
      deletedAt: null,
      editedAt: edited ? "2026-12-03T09:05:00.000Z" : null,
      author: { id: `a-${i}`, handle: `kunde${i}`, displayName: null, followers: 10, accountCreatedAt: null },
      metrics: {},
      topicIds: ["t-1"],
      inReplyTo: null,
      assessment: { priority: 0.2, flags: [], spans: [] },
    },
  };
}

describe("announcementMessages", () => {
  it("announces a store step's posts in messages of at most 100, in order, each read back whole", () => {
    const posts = Array.from({ length: 250 }, (_, i) => stored(i));
    const messages = announcementMessages(posts);
    expect(messages.map((m) => (m.payload as { posts: unknown[] }).posts.length)).toEqual([100, 100, 50]);
    // Over the bus the payload travels as JSON.
    const back = messages.flatMap((m) => storedPostsOf(JSON.parse(JSON.stringify(m.payload))).posts);
    expect(back).toEqual(posts);
  });

  it("keeps long texts apart so that a message stays far below NATS's 1 MB", () => {
    const long = "ä".repeat(40_000); // the longest text a post may have
    const messages = announcementMessages(Array.from({ length: 10 }, (_, i) => stored(i, long)));
    for (const m of messages) expect(Buffer.byteLength(JSON.stringify(m.payload))).toBeLessThan(600_000);
    expect(messages.flatMap((m) => (m.payload as { posts: StoredPost[] }).posts)).toHaveLength(10);
  });

  it("gives the same announcement the same id, and an edit of a post another", () => {
    const posts = [stored(1), stored(2)];
    expect(announcementMessages(posts)[0]?.id).toBe(announcementMessages(posts)[0]?.id);
    expect(announcementMessages([stored(1), stored(2, "x", true)])[0]?.id).not.toBe(
      announcementMessages(posts)[0]?.id,
    );
    expect(announcementMessages([stored(2), stored(1)])[0]?.id).not.toBe(announcementMessages(posts)[0]?.id);
    expect(announcementMessages([])).toEqual([]);
  });
});

describe("storedPostsOf", () => {
  it("reads a single announcement as workers of an earlier version send it", () => {
    expect(storedPostsOf(stored(7)).posts).toEqual([stored(7)]);
  });

  it("keeps the valid announcements of a message and reports the malformed ones", () => {
    const { posts, malformed } = storedPostsOf({ posts: [stored(1), { orgId: 3 }, stored(2)] });
    expect(posts.map((p) => p.post.id)).toEqual(["post-1", "post-2"]);
    expect(malformed).toHaveLength(1);
  });

  it("never throws, whatever arrives", () => {
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        const { posts, malformed } = storedPostsOf(payload);
        expect(posts.length + malformed.length).toBeGreaterThanOrEqual(1);
      }),
    );
    expect(storedPostsOf({ posts: [] }).malformed).toHaveLength(1);
  });
});
