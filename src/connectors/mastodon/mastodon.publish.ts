// Publishing on Mastodon: POST /api/v1/statuses (docs.joinmastodon.org/methods/statuses#create) with the
// account's access token (scope `write:statuses`). A reply names its parent by `in_reply_to_id`, the
// instance's own id of the status; the Idempotency-Key header makes the instance post a retried request
// once ("Idempotency-Key: prevent duplicate submissions of the same status", kept for one hour).
import { z } from "zod";
import {
  type ConnectorContext,
  ConnectorError,
  checkResponse,
  jsonBody,
  type PublishInput,
  type PublishResult,
  sendWrite,
} from "../connector.ts";
import type { MastodonConfig, MastodonSecrets } from "./mastodon.schema.ts";

/** The part of the Status entity the answer is read for. */
const CreatedStatus = z.object({ id: z.string().min(1), url: z.string().nullish(), uri: z.string() });

/** Posts a status or a reply as the token's account. */
export async function publishMastodon(
  config: MastodonConfig,
  secrets: MastodonSecrets,
  input: PublishInput,
  ctx: ConnectorContext,
): Promise<PublishResult> {
  const what = input.inReplyTo ? "Mastodon reply" : "Mastodon status";
  if (!secrets.accessToken) {
    throw new ConnectorError(`${what}: needs an access token with the write:statuses scope`, "config");
  }
  const body = {
    status: input.text,
    ...(input.inReplyTo ? { in_reply_to_id: input.inReplyTo.externalId } : {}),
    ...(input.lang !== "other" ? { language: input.lang } : {}),
  };
  const res = await sendWrite(
    ctx,
    {
      method: "POST",
      url: new URL("/api/v1/statuses", config.instanceUrl).toString(),
      headers: {
        authorization: `Bearer ${secrets.accessToken}`,
        "content-type": "application/json",
        accept: "application/json",
        ...(input.idempotencyKey ? { "idempotency-key": input.idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
    },
    what,
  );
  checkResponse(res, what, ctx.now());
  const status = CreatedStatus.safeParse(jsonBody(res, what));
  if (!status.success) throw new ConnectorError(`${what}: the answer is not a status`, "transient");
  return { externalId: status.data.id, url: status.data.url ?? status.data.uri };
}
