// Publishing on Instagram: answers only (new media need an image or video). A comment on a media object
// is POST /{ig-media-id}/comments with `message`; a reply to a comment is POST /{ig-comment-id}/replies with
// `message` (Instagram Graph API reference: IG Media Comments, IG Comment Replies; permission
// `instagram_manage_comments` or `instagram_business_manage_comments`).
import {
  type ConnectorContext,
  ConnectorError,
  type PublishInput,
  type PublishResult,
} from "../connector.ts";
import { graphCreate } from "./graph.publish.ts";
import type { InstagramConfig, InstagramSecrets } from "./instagram.schema.ts";

/** Whether the stored payload is a media object (it has media fields, a comment has `text`). */
function isMedia(raw: unknown): boolean {
  if (typeof raw !== "object" || raw === null || "text" in raw) return false;
  return "media_type" in raw || "caption" in raw || "permalink" in raw;
}

/** Comments on a media object or answers a comment as the Instagram account. */
export async function publishInstagram(
  config: InstagramConfig,
  secrets: InstagramSecrets,
  input: PublishInput,
  ctx: ConnectorContext,
): Promise<PublishResult> {
  const reply = input.inReplyTo;
  if (!reply) {
    throw new ConnectorError(
      "Instagram: only answers to comments and media can be sent, no new posts",
      "config",
    );
  }
  const onMedia = isMedia(reply.raw);
  const id = await graphCreate(ctx, {
    base: config.graphBase,
    node: reply.externalId,
    edge: onMedia ? "comments" : "replies",
    fields: { message: input.text },
    token: secrets.accessToken,
    what: onMedia ? "Instagram comment" : "Instagram reply",
  });
  // Comments have no permalink; the media's link is where the answer shows.
  return { externalId: id, url: reply.url ?? null };
}
