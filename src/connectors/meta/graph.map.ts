// Turning a mapped Graph item into a post: the shared last step of the Facebook and Instagram mappers.
import { PostCreate } from "../../posts/posts.schema.ts";
import type { PostInput } from "../connector.ts";

/** Handle of an author the platform did not reveal to the token; all such items share it. */
export const hiddenAuthorHandle = "unknown";

/** PostCreate's limits, applied instead of losing the whole item to a validation error. */
const maxText = 40_000;
const maxDisplayName = 200;

/** A post as a mapper builds it: dates as ISO text, optional fields possibly undefined. */
export interface PostCandidate {
  platform: PostInput["platform"];
  externalId: string;
  text: string | undefined;
  postedAt: string;
  author: { handle: string | undefined; displayName?: string | undefined };
  url?: string | undefined;
  inReplyTo?: string | undefined;
  metrics?: { likes?: number | undefined; shares?: number | undefined; replies?: number | undefined };
  raw: unknown;
}

/**
 * The candidate as a post in the Post model's JSON shape, or null when PostCreate refuses it (no text, say).
 * A missing author becomes `hiddenAuthorHandle`; a link that is not http(s) is dropped rather than the post.
 */
export function toPostInput(candidate: PostCandidate): PostInput | null {
  const text = candidate.text?.trim() ? candidate.text.slice(0, maxText) : undefined;
  const handle = candidate.author.handle?.trim() || hiddenAuthorHandle;
  const displayName = candidate.author.displayName?.slice(0, maxDisplayName) || undefined;
  const post = {
    ...candidate,
    text,
    author: { handle, displayName },
    url: isHttpUrl(candidate.url) ? candidate.url : undefined,
  };
  return PostCreate.safeParse(post).success ? (post as PostInput) : null;
}

function isHttpUrl(value: string | undefined): value is string {
  if (value === undefined) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
