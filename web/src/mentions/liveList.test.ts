import { describe, expect, it } from "vitest";
import type { PostRead } from "../../../src/posts/posts.schema.ts";
import {
  initialLiveState,
  LIVE_CAP,
  type LiveState,
  liveReducer,
  mergePosts,
  prependPost,
} from "./liveList.ts";

function post(id: string): PostRead {
  return {
    id,
    platform: "mastodon",
    externalId: `ext-${id}`,
    assessment: null,
    text: `Post ${id}: Die Hotline ist seit Stunden nicht erreichbar!`,
    lang: "de",
    url: null,
    deletedAt: null,
    editedAt: null,
    postedAt: "2025-11-25T11:00:00.000Z",
    ingestedAt: "2025-11-25T11:00:01.000Z",
    author: {
      id: `a-${id}`,
      handle: "kundin",
      displayName: "Eine Kundin",
      followers: 12,
      accountCreatedAt: null,
    },
    metrics: {},
    topicIds: [],
    inReplyTo: null,
  };
}

const ids = (posts: readonly PostRead[]) => posts.map((p) => p.id);

describe("prependPost", () => {
  it("puts a new post on top", () => {
    expect(ids(prependPost([post("1")], post("2")))).toEqual(["2", "1"]);
  });

  it("ignores a post whose id is already listed (the stream and the list may both deliver it)", () => {
    const list = [post("2"), post("1")];
    expect(prependPost(list, post("1"))).toBe(list);
    expect(prependPost([], post("1"), LIVE_CAP, [post("1")])).toEqual([]);
  });

  it("drops the oldest posts beyond the cap", () => {
    let list: PostRead[] = [];
    for (let i = 0; i < 7; i++) list = prependPost(list, post(String(i)), 5);
    expect(ids(list)).toEqual(["6", "5", "4", "3", "2"]);
  });
});

describe("mergePosts", () => {
  it("shows live posts before fetched ones and every id once", () => {
    expect(ids(mergePosts([post("5"), post("4")], [post("4"), post("3"), post("2")]))).toEqual([
      "5",
      "4",
      "3",
      "2",
    ]);
  });
});

describe("liveReducer", () => {
  const run = (actions: Parameters<typeof liveReducer>[1][], state: LiveState = initialLiveState) =>
    actions.reduce(liveReducer, state);

  it("shows posts as they arrive", () => {
    const state = run([
      { type: "received", post: post("1") },
      { type: "received", post: post("2") },
    ]);
    expect(ids(state.live)).toEqual(["2", "1"]);
  });

  it("holds posts back while paused and shows them on resume, without duplicates", () => {
    const paused = run([
      { type: "received", post: post("1") },
      { type: "pause" },
      { type: "received", post: post("2") },
    ]);
    expect(ids(paused.live)).toEqual(["1"]);
    expect(ids(paused.pending)).toEqual(["2"]);
    const again = run(
      [
        { type: "received", post: post("1") },
        { type: "received", post: post("2") },
      ],
      paused,
    );
    expect(ids(again.pending)).toEqual(["2"]);
    const resumed = liveReducer(again, { type: "resume" });
    expect(resumed).toMatchObject({ paused: false, pending: [] });
    expect(ids(resumed.live)).toEqual(["2", "1"]);
  });

  it("keeps at most LIVE_CAP posts", () => {
    let state = initialLiveState;
    for (let i = 0; i < LIVE_CAP + 20; i++)
      state = liveReducer(state, { type: "received", post: post(String(i)) });
    expect(state.live).toHaveLength(LIVE_CAP);
    expect(state.live[0]?.id).toBe(String(LIVE_CAP + 19));
  });

  it("forgets live posts on reset but stays paused", () => {
    const state = run([{ type: "received", post: post("1") }, { type: "pause" }, { type: "reset" }]);
    expect(state).toEqual({ live: [], pending: [], paused: true, revised: {} });
  });

  it("puts an edited version of a live post where the post stands, without moving it", () => {
    const edited = {
      ...post("1"),
      text: "Bearbeitet: die Hotline hat zurückgerufen.",
      editedAt: "2025-11-25T12:00:00.000Z",
    };
    const state = run([
      { type: "received", post: post("1") },
      { type: "received", post: post("2") },
      { type: "received", post: edited },
    ]);
    expect(ids(state.live)).toEqual(["2", "1"]);
    expect(state.live[1]).toBe(edited);
  });

  it("replaces a held-back post with its edited version while paused", () => {
    const edited = { ...post("2"), editedAt: "2025-11-25T12:00:00.000Z" };
    const state = run([
      { type: "pause" },
      { type: "received", post: post("2") },
      { type: "received", post: edited },
    ]);
    expect(state.pending).toEqual([edited]);
    expect(state.live).toEqual([]);
  });

  it("shows the newer version of a fetched post in its place, and forgets it on reset", () => {
    const edited = { ...post("3"), deletedAt: "2025-11-25T12:00:00.000Z" };
    const state = run([{ type: "revised", post: edited }]);
    expect(mergePosts(state.live, [post("4"), post("3")], state.revised)).toEqual([post("4"), edited]);
    expect(liveReducer(state, { type: "reset" }).revised).toEqual({});
  });
});
