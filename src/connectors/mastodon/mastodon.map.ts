// Mastodon status → Brandwache post. Pure: the payload and the instance's host in, a post (or nothing) out.
import { htmlToText } from "../../core/text/html.ts";
import { type Lang, PostCreate } from "../../posts/posts.schema.ts";
import type { PostInput } from "../connector.ts";
import { MastodonNotification, MastodonStatus } from "./mastodon.schema.ts";

// Followers-only and direct statuses are private conversations (a direct mention of the brand account
// included); only what the author published is monitored.
const publicVisibility = new Set(["public", "unlisted"]);

/**
 * Turns one status of a Mastodon API answer into a post, or null when it is not a status, is not public
 * or has no text (a picture without a caption). A boost is mapped to the boosted status, with its own id
 * and author: the boost adds no words, and ingest ignores a status it already holds. An edited status
 * keeps its id and carries `edited_at`, which becomes `editedAt`: the later version replaces the stored text.
 */
export function mapMastodonStatus(payload: unknown, instanceHost: string): PostInput | null {
  const parsed = MastodonStatus.safeParse(payload);
  if (!parsed.success) return null;
  const status = parsed.data.reblog ?? parsed.data;
  if (!publicVisibility.has(status.visibility)) return null;

  const text = [status.spoiler_text.trim(), htmlToText(status.content)].filter((t) => t !== "").join("\n\n");
  const { account } = status;
  const editedAt = status.edited_at ? isoDateTime(status.edited_at) : undefined;
  const post: PostInput = {
    platform: "mastodon",
    // The instance's database id: the same status has another id on another instance, and replies name
    // their parent by this id (`in_reply_to_id`), so the two stay comparable.
    externalId: status.id,
    text,
    postedAt: status.created_at,
    ...(editedAt && { editedAt }),
    author: {
      handle: qualifiedAcct(account.acct, instanceHost),
      displayName: clip(account.display_name.trim(), 200) || undefined,
      followers: account.followers_count >= 0 ? account.followers_count : undefined,
      createdAt: isoDateTime(account.created_at),
    },
    url: httpUrl(status.url) ?? httpUrl(status.uri),
    lang: knownLang(status.language),
    inReplyTo: status.in_reply_to_id ?? undefined,
    metrics: {
      likes: counter(status.favourites_count),
      shares: counter(status.reblogs_count),
      replies: counter(status.replies_count),
    },
    raw: payload,
  };
  // Checked here too, so that one unusable status is skipped and the rest of the page goes on.
  return PostCreate.safeParse(post).success ? post : null;
}

/** A notification (entities/Notification) as a post: only `mention` notifications carry one. */
export function mentionToPost(payload: unknown, instanceHost: string): PostInput | null {
  const notification = MastodonNotification.safeParse(payload);
  if (!notification.success || notification.data.type !== "mention") return null;
  return mapMastodonStatus(notification.data.status, instanceHost);
}

/** `anna` on social.example is `anna@social.example`: a bare local name would clash across instances. */
function qualifiedAcct(acct: string, instanceHost: string): string {
  const bare = acct.replace(/^@/u, "");
  return bare.includes("@") ? bare : `${bare}@${instanceHost}`;
}

function knownLang(language: string | null): Lang | undefined {
  const primary = language?.toLowerCase().split("-")[0];
  return primary === "de" || primary === "en" ? primary : undefined;
}

function httpUrl(value: string | null): string | undefined {
  if (!value || value.length > 2000) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? value : undefined;
  } catch {
    return undefined;
  }
}

// Account dates are full datetimes, but servers other than Mastodon may send a plain date.
function isoDateTime(value: string): string | undefined {
  const candidate = /^\d{4}-\d{2}-\d{2}$/u.test(value) ? `${value}T00:00:00Z` : value;
  return PostCreate.shape.postedAt.safeParse(candidate).success ? candidate : undefined;
}

function counter(value: number): number | undefined {
  return value >= 0 ? value : undefined;
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const last = value.charCodeAt(max - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
