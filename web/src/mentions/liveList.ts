import type { PostRead } from "../../../src/posts/posts.schema.ts";

/** At most this many live posts are kept in memory; the oldest fall off. */
export const LIVE_CAP = 500;

/** Posts that arrived over the stream, newest first; while paused they wait in `pending`. */
export interface LiveState {
  live: PostRead[];
  pending: PostRead[];
  paused: boolean;
  /** Newer versions (an author's edit) of fetched posts, by id; they replace them in place. */
  revised: Readonly<Record<string, PostRead>>;
}

export type LiveAction =
  | { type: "received"; post: PostRead }
  /** The stream sent a newer version of a post of the fetched pages. */
  | { type: "revised"; post: PostRead }
  | { type: "pause" }
  | { type: "resume" }
  /** Forget live posts, e.g. after the filters changed or the list was fetched again. */
  | { type: "reset" };

export const initialLiveState: LiveState = { live: [], pending: [], paused: false, revised: {} };

/** Puts `post` in front of `list` unless a post with its id is already in `list` or `seen`; keeps at most `cap`. */
export function prependPost(
  list: PostRead[],
  post: PostRead,
  cap = LIVE_CAP,
  seen: readonly PostRead[] = [],
): PostRead[] {
  if (list.some((p) => p.id === post.id) || seen.some((p) => p.id === post.id)) return list;
  const next = [post, ...list];
  return next.length > cap ? next.slice(0, cap) : next;
}

/** Replaces the post with `post`'s id in `list`, where it stands; `list` itself when it holds no such post. */
export function replacePost(list: PostRead[], post: PostRead): PostRead[] {
  const index = list.findIndex((p) => p.id === post.id);
  return index === -1 ? list : list.map((p, i) => (i === index ? post : p));
}

/**
 * Live posts first, then the fetched pages, each post once (the first occurrence wins); a fetched post the
 * stream sent again (edited) is shown in its newer version, where it stands.
 */
export function mergePosts(
  live: readonly PostRead[],
  fetched: readonly PostRead[],
  revised: Readonly<Record<string, PostRead>> = {},
): PostRead[] {
  const seen = new Set<string>();
  const merged: PostRead[] = [];
  for (const post of [...live, ...fetched]) {
    if (seen.has(post.id)) continue;
    seen.add(post.id);
    merged.push(revised[post.id] ?? post);
  }
  return merged;
}

/** The live list's state machine: new posts go on top, or wait in `pending` while the reader has paused. */
export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case "received": {
      // A post shown already came again: a newer version of it (an edit) takes its place, it does not move.
      const inLive = replacePost(state.live, action.post);
      if (inLive !== state.live) return { ...state, live: inLive };
      const inPending = replacePost(state.pending, action.post);
      if (inPending !== state.pending) return { ...state, pending: inPending };
      if (state.paused) {
        const pending = prependPost(state.pending, action.post, LIVE_CAP, state.live);
        return pending === state.pending ? state : { ...state, pending };
      } else {
        const live = prependPost(state.live, action.post);
        return live === state.live ? state : { ...state, live };
      }
    }
    case "revised":
      return { ...state, revised: { ...state.revised, [action.post.id]: action.post } };
    case "pause":
      return state.paused ? state : { ...state, paused: true };
    case "resume": {
      // pending is newest first; take it on top of what was shown, then cap.
      const live = mergePosts(state.pending, state.live).slice(0, LIVE_CAP);
      return { ...state, live, pending: [], paused: false };
    }
    case "reset":
      return { ...initialLiveState, paused: state.paused };
  }
}
