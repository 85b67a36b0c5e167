import { describe, expect, it } from "vitest";
import { buildStoredPost as stored } from "../../test/factories.ts";
import { type StoredPost, storedPostsOf } from "./pipeline.messages.ts";
import { announcementMessages } from "./store.stage.ts";

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
