// Publishing on X: POST /2/tweets (docs.x.com/x-api/posts/creation-of-a-post) as the user an OAuth 2.0
// user-context token speaks for (scopes tweet.read, tweet.write, users.read); the app-only Bearer token
// that reads search cannot post. A reply names its parent in `reply.in_reply_to_tweet_id`.
import { z } from "zod";
import {
  type ConnectorContext,
  ConnectorError,
  jsonBody,
  type PublishInput,
  type PublishResult,
  sendWrite,
} from "../connector.ts";
import { checkXResponse } from "./x.client.ts";
import type { XConfig, XSecrets } from "./x.schema.ts";

/** `{ data: { id, text } }`, answered with 201 Created. */
const CreatedPost = z.object({ data: z.object({ id: z.string().regex(/^\d{1,20}$/u), text: z.string() }) });

/** Posts or replies on X as the token's user. */
export async function publishX(
  config: XConfig,
  secrets: XSecrets,
  input: PublishInput,
  ctx: ConnectorContext,
): Promise<PublishResult> {
  const what = input.inReplyTo ? "X reply" : "X post";
  const token = secrets.userAccessToken;
  if (!token) throw new ConnectorError(`${what}: needs a user access token with tweet.write`, "config");
  const body = {
    text: input.text,
    ...(input.inReplyTo ? { reply: { in_reply_to_tweet_id: input.inReplyTo.externalId } } : {}),
  };
  const res = await sendWrite(
    ctx,
    {
      method: "POST",
      url: `${config.apiBase.replace(/\/+$/u, "")}/2/tweets`,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify(body),
    },
    what,
  );
  try {
    checkXResponse(res, ctx.now(), what);
  } catch (error) {
    if (error instanceof ConnectorError && error.message.includes(token)) {
      throw new ConnectorError(error.message.replaceAll(token, "[token]"), error.kind, error.retryAfterMs);
    }
    throw error;
  }
  const created = CreatedPost.safeParse(jsonBody(res, what));
  if (!created.success) throw new ConnectorError(`${what}: the answer names no post`, "transient");
  return { externalId: created.data.data.id, url: `https://x.com/i/web/status/${created.data.data.id}` };
}
