// Bluesky postView → Brandwache post. Pure: one item of a searchPosts answer in, a post (or nothing) out.
import { type Lang, PostCreate } from "../../posts/posts.schema.ts";
import type { PostInput } from "../connector.ts";
import { BlueskyPostView } from "./bluesky.schema.ts";

// at://<did>/app.bsky.feed.post/<rkey> (AT URI and record key syntax, atproto.com/specs).
const postUri = /^at:\/\/(did:[a-z]+:[a-zA-Z0-9._:%-]+)\/app\.bsky\.feed\.post\/([a-zA-Z0-9._~:-]{1,512})$/u;

/**
 * Turns one postView into a post, or null when it is not a post view or has no text (a picture alone).
 * The post's time is the earlier of its `createdAt` and `indexedAt`, as the AppView sorts (`sortAt`):
 * `createdAt` is set by the client and may lie in the future.
 */
export function mapBlueskyPost(payload: unknown): PostInput | null {
  const parsed = BlueskyPostView.safeParse(payload);
  if (!parsed.success) return null;
  const view = parsed.data;
  const [, did, rkey] = postUri.exec(view.uri) ?? [];
  if (!did || !rkey || view.author.did !== did) return null;

  // A handle that no longer resolves is shown as handle.invalid; the DID still names the account.
  const handle = view.author.handle === "handle.invalid" ? did : view.author.handle;
  const post: PostInput = {
    platform: "bluesky",
    externalId: view.uri,
    text: view.record.text.trim(),
    postedAt: sortAt(view.record.createdAt, view.indexedAt),
    author: {
      handle,
      displayName: clip(view.author.displayName?.trim() ?? "", 200) || undefined,
      createdAt: isoDateTime(view.author.createdAt),
    },
    url: `https://bsky.app/profile/${handle}/post/${rkey}`,
    lang: knownLang(view.record.langs?.[0]),
    inReplyTo: view.record.reply?.parent.uri,
    metrics: {
      likes: counter(view.likeCount),
      shares: counter(view.repostCount),
      replies: counter(view.replyCount),
    },
    raw: payload,
  };
  // Checked here too, so that one unusable post is skipped and the rest of the page goes on.
  return PostCreate.safeParse(post).success ? post : null;
}

/** The earlier of the two times, as ISO text; `indexedAt` alone when `createdAt` is unreadable. */
function sortAt(createdAt: string, indexedAt: string): string {
  const created = isoDateTime(createdAt);
  return created !== undefined && Date.parse(created) < Date.parse(indexedAt) ? created : indexedAt;
}

function isoDateTime(value: string | undefined): string | undefined {
  return value !== undefined && PostCreate.shape.postedAt.safeParse(value).success ? value : undefined;
}

function knownLang(tag: string | undefined): Lang | undefined {
  const primary = tag?.toLowerCase().split("-")[0];
  return primary === "de" || primary === "en" ? primary : undefined;
}

function counter(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 ? value : undefined;
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const last = value.charCodeAt(max - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
