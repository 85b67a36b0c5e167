// Publishing on a Facebook Page with its Page access token (permission `pages_manage_engagement` for
// comments, `pages_manage_posts` for posts): a reply is POST /{object-id}/comments with `message`, on a
// post or, as a reply in the thread, on a comment (developers.facebook.com/docs/graph-api/reference/object/comments#publish);
// a new post is POST /{page-id}/feed with `message` (…/reference/page/feed#publish).
import type { ConnectorContext, PublishInput, PublishResult } from "../connector.ts";
import type { FacebookConfig, FacebookSecrets } from "./facebook.schema.ts";
import { graphCreate } from "./graph.publish.ts";

/** Comments on a post or comment of the Page, or posts on the Page's feed, as the Page. */
export async function publishFacebook(
  config: FacebookConfig,
  secrets: FacebookSecrets,
  input: PublishInput,
  ctx: ConnectorContext,
): Promise<PublishResult> {
  const reply = input.inReplyTo;
  const id = await graphCreate(ctx, {
    base: config.graphBase,
    node: reply ? reply.externalId : config.pageId,
    edge: reply ? "comments" : "feed",
    fields: { message: input.text },
    token: secrets.pageAccessToken,
    what: reply ? "Facebook comment" : "Facebook Page post",
  });
  // A Page post's id opens on facebook.com; a comment has no link of its own without another request.
  return { externalId: id, url: reply ? null : `https://www.facebook.com/${id}` };
}
