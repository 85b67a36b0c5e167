import { describe, expect, it } from "vitest";
import { PostCreate } from "../../posts/posts.schema.ts";
import threads from "./fixtures/comment-threads.json" with { type: "json" };
import search from "./fixtures/search.json" with { type: "json" };
import { mapCommentThread, mapSearchResult, watchUrl } from "./youtube.map.ts";

const [withReplies, rewrittenLink, withoutChannel] = threads.items;

/** A copy of a fixture thread whose top-level comment has some snippet fields replaced (undefined removes). */
function withTopLevel(thread: typeof withReplies, snippet: Record<string, unknown>): unknown {
  const copy = structuredClone(thread);
  if (!copy) throw new Error("fixture thread missing");
  Object.assign(copy.snippet.topLevelComment.snippet, snippet);
  return JSON.parse(JSON.stringify(copy));
}

describe("mapCommentThread", () => {
  it("maps the top-level comment: original text, channel id as handle, link to the comment, counts", () => {
    const thread = mapCommentThread(withReplies);
    expect(thread?.startedAt).toBe("2026-11-25T11:47:12Z");
    expect(thread?.comments[0]?.post).toEqual({
      platform: "youtube",
      externalId: "UgzA1bQ9rT5vK2mN8pLx4AaABAg",
      text: 'Seit heute Morgen kein Netz in Hamburg-Altona. Und in eurem Video erzählt ihr was von "bestem Netz"? Ich kündige.',
      postedAt: "2026-11-25T11:47:12Z",
      author: { handle: "UCq8Lm2Xv9Rt4Wp1Kz7Ns3Bd", displayName: "@stoerungsmelder" },
      url: "https://www.youtube.com/watch?v=Xk3pQ9vLm2A&lc=UgzA1bQ9rT5vK2mN8pLx4AaABAg",
      inReplyTo: "Xk3pQ9vLm2A",
      metrics: { likes: 214, replies: 2 },
      raw: withReplies?.snippet.topLevelComment,
    });
  });

  it("maps the replies it carries, each answering the top-level comment", () => {
    const comments = mapCommentThread(withReplies)?.comments ?? [];
    expect(comments.map((c) => [c.id, c.publishedAt, c.post.inReplyTo])).toEqual([
      ["UgzA1bQ9rT5vK2mN8pLx4AaABAg", "2026-11-25T11:47:12Z", "Xk3pQ9vLm2A"],
      [
        "UgzA1bQ9rT5vK2mN8pLx4AaABAg.A9xQ2mZpR4bA9xQ5nYk1Lm",
        "2026-11-25T11:52:40Z",
        "UgzA1bQ9rT5vK2mN8pLx4AaABAg",
      ],
      [
        "UgzA1bQ9rT5vK2mN8pLx4AaABAg.A9xQ2mZpR4bA9xQ7rTc3Wq",
        "2026-11-25T11:55:03Z",
        "UgzA1bQ9rT5vK2mN8pLx4AaABAg",
      ],
    ]);
    expect(comments[2]?.post.url).toBe(
      "https://www.youtube.com/watch?v=Xk3pQ9vLm2A&lc=UgzA1bQ9rT5vK2mN8pLx4AaABAg.A9xQ2mZpR4bA9xQ7rTc3Wq",
    );
    // The channel's own answer, with the link as written, not as YouTube displays it.
    expect(comments[2]?.post.text).toContain("https://www.nordwind-mobil.example/stoerung");
  });

  it("takes textOriginal, not textDisplay, where YouTube rewrote a link into a video title", () => {
    const post = mapCommentThread(rewrittenLink)?.comments[0]?.post;
    expect(post?.text).toBe(
      "Fun fact: the same outage hit them in March. Watch from 4:12 https://www.youtube.com/watch?v=Xk3pQ9vLm2A&t=252s",
    );
  });

  it("falls back to the plain textDisplay when textOriginal is withheld", () => {
    const thread = withTopLevel(withReplies, {
      textOriginal: undefined,
      textDisplay: "Kein Netz, keine Antwort.",
    });
    expect(mapCommentThread(thread)?.comments[0]?.post.text).toBe("Kein Netz, keine Antwort.");
  });

  it("keeps a comment whose author has no channel, under the display name", () => {
    const post = mapCommentThread(withoutChannel)?.comments[0]?.post;
    expect(post?.author).toEqual({ handle: "Rentner aus Kiel" });
  });

  it("skips a comment with neither channel nor display name but keeps the thread's replies", () => {
    const thread = withTopLevel(withReplies, { authorChannelId: undefined, authorDisplayName: undefined });
    const mapped = mapCommentThread(thread);
    expect(mapped?.startedAt).toBe("2026-11-25T11:47:12Z");
    expect(mapped?.comments.map((c) => c.id)).toHaveLength(2);
  });

  it("leaves out the link of a comment about the channel itself (no video)", () => {
    const thread = structuredClone(rewrittenLink) as { snippet: Record<string, unknown> } | undefined;
    if (!thread) throw new Error("fixture thread missing");
    delete thread.snippet.videoId;
    delete (thread.snippet.topLevelComment as { snippet: Record<string, unknown> }).snippet.videoId;
    const post = mapCommentThread(thread)?.comments[0]?.post;
    expect(post?.url).toBeUndefined();
    expect(post?.inReplyTo).toBeUndefined();
  });

  it("produces posts the Post model accepts", () => {
    for (const item of threads.items) {
      for (const comment of mapCommentThread(item)?.comments ?? [])
        expect(PostCreate.safeParse(comment.post).success).toBe(true);
    }
  });

  it.each([
    ["a thread with a text time", withTopLevel(withReplies, { publishedAt: "gestern" })],
    [
      "a thread without its top-level comment",
      { kind: "youtube#commentThread", id: "Ugx", snippet: { videoId: "Xk3pQ9vLm2A" } },
    ],
    ["a search result", search.items[0]],
    ["not an object", 42],
  ])("returns null for %s", (_, item) => {
    expect(mapCommentThread(item)).toBeNull();
  });
});

describe("mapSearchResult", () => {
  it("maps a video: title and description, the publishing channel, the watch link", () => {
    expect(mapSearchResult(search.items[0])).toEqual({
      id: "Qm7Vt2Lx9Ka",
      publishedAt: "2026-11-25T11:15:00Z",
      post: {
        platform: "youtube",
        externalId: "Qm7Vt2Lx9Ka",
        text: "Nordwind Mobil Störung: Welche Rechte Kunden jetzt haben\n\nSeit dem Morgen ist das Mobilfunknetz von Nordwind Mobil bundesweit gestört. Wir erklären, wann Sie Geld zurückbekommen und wann eine Sonderkündigung möglich ist.",
        postedAt: "2026-11-25T11:15:00Z",
        author: { handle: "UCh7Tq2Wm9Xv4Lp1Rz8Kn3Bf", displayName: "Verbraucherfragen Nord" },
        url: "https://www.youtube.com/watch?v=Qm7Vt2Lx9Ka",
        raw: search.items[0],
      },
    });
  });

  it.each([
    [
      "a channel result",
      { ...search.items[0], id: { kind: "youtube#channel", channelId: "UCh7Tq2Wm9Xv4Lp1Rz8Kn3Bf" } },
    ],
    [
      "a video without a title",
      { ...search.items[0], snippet: { ...search.items[0]?.snippet, title: undefined } },
    ],
    [
      "a video with neither title nor description",
      { ...search.items[0], snippet: { ...search.items[0]?.snippet, title: " ", description: "" } },
    ],
  ])("returns null for %s", (_, item) => {
    expect(mapSearchResult(item)).toBeNull();
  });
});

describe("watchUrl", () => {
  it("encodes the ids as query parameters", () => {
    expect(watchUrl("Xk3pQ9vLm2A", "Ugz.A9&x")).toBe(
      "https://www.youtube.com/watch?v=Xk3pQ9vLm2A&lc=Ugz.A9%26x",
    );
  });
});
