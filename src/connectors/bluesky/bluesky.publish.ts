// Publishing on Bluesky: com.atproto.repo.createRecord of an app.bsky.feed.post record in the account's
// repository on its PDS (docs.bsky.app "Creating a post", lexicons com.atproto.repo.createRecord and
// app.bsky.feed.post). A reply carries strong references (uri + cid) to its parent and to the thread's root:
// both come from the stored postView (`raw`), or from app.bsky.feed.getPosts when the payload lacks them.
import { z } from "zod";
import {
  type ConnectorContext,
  ConnectorError,
  type PublishInput,
  type PublishResult,
  sendWrite,
} from "../connector.ts";
import { type BlueskyConfig, BlueskyPostView, type BlueskySecrets } from "./bluesky.schema.ts";
import { accessToken, type BlueskyLogin, forgetSession } from "./bluesky.session.ts";
import { readXrpcJson, timeoutMs, xrpcErrorName } from "./bluesky.xrpc.ts";

/** A strong reference to a record (com.atproto.repo.strongRef). */
interface StrongRef {
  uri: string;
  cid: string;
}

const CreateRecordOutput = z.object({ uri: z.string().min(1), cid: z.string().min(1) });
const GetPostsOutput = z.object({ posts: z.array(z.unknown()) });
const SessionInfo = z.object({ did: z.string().startsWith("did:") });

/** The reply references of a post view: the post is the parent; the root is its root, or itself. */
export function replyRefs(view: BlueskyPostView): { root: StrongRef; parent: StrongRef } {
  const parent = { uri: view.uri, cid: view.cid };
  return { root: view.record.reply?.root ?? parent, parent };
}

/** The DID in the `sub` claim of an access token; undefined when it cannot be read. */
export function jwtSubject(jwt: string): string | undefined {
  const payload = jwt.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const sub = (claims as { sub?: unknown } | null)?.sub;
    return typeof sub === "string" && sub.startsWith("did:") ? sub : undefined;
  } catch {
    return undefined;
  }
}

/** Posts a new post or a reply as the app password's account. */
export async function publishBluesky(
  config: BlueskyConfig,
  secrets: BlueskySecrets,
  input: PublishInput,
  ctx: ConnectorContext,
): Promise<PublishResult> {
  const what = input.inReplyTo ? "Bluesky reply" : "Bluesky post";
  if (!secrets.identifier || !secrets.appPassword) {
    throw new ConnectorError(`${what}: needs the account and an app password`, "config");
  }
  const login: BlueskyLogin = {
    pdsUrl: config.pdsUrl,
    identifier: secrets.identifier,
    appPassword: secrets.appPassword,
  };
  const token = await accessToken(login, ctx);
  const xrpc = async (method: "GET" | "POST", nsid: string, body: unknown, step: string) => {
    const url = new URL(`/xrpc/${nsid}`, config.pdsUrl);
    if (method === "GET")
      for (const [k, v] of Object.entries(body as Record<string, string>)) url.searchParams.set(k, v);
    const res = await sendWrite(
      ctx,
      {
        method,
        url: url.toString(),
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(method === "POST" ? { "content-type": "application/json" } : {}),
        },
        ...(method === "POST" ? { body: JSON.stringify(body) } : {}),
      },
      step,
      { timeoutMs },
    );
    // An expired or revoked token: sign in afresh next time (the send is retried by a person).
    if (res.status === 400 && xrpcErrorName(res) === "ExpiredToken") {
      forgetSession(login);
      throw new ConnectorError(`${step}: the session expired; try again`, "transient");
    }
    if (res.status === 401) forgetSession(login);
    return readXrpcJson(res, step, ctx.now());
  };

  const did =
    jwtSubject(token) ??
    SessionInfo.parse(await xrpc("GET", "com.atproto.server.getSession", {}, `${what} (session)`)).did;

  let reply: { root: StrongRef; parent: StrongRef } | undefined;
  if (input.inReplyTo) {
    let view = BlueskyPostView.safeParse(input.inReplyTo.raw).data;
    if (view?.uri !== input.inReplyTo.externalId) {
      const found = GetPostsOutput.safeParse(
        await xrpc("GET", "app.bsky.feed.getPosts", { uris: input.inReplyTo.externalId }, `${what} (parent)`),
      );
      view = BlueskyPostView.safeParse(found.data?.posts[0]).data;
    }
    if (!view) throw new ConnectorError(`${what}: the post answered no longer exists`, "config");
    reply = replyRefs(view);
  }

  const record = {
    $type: "app.bsky.feed.post",
    text: input.text,
    createdAt: ctx.now().toISOString(),
    ...(input.lang !== "other" ? { langs: [input.lang] } : {}),
    ...(reply ? { reply } : {}),
  };
  const created = CreateRecordOutput.safeParse(
    await xrpc(
      "POST",
      "com.atproto.repo.createRecord",
      { repo: did, collection: "app.bsky.feed.post", record },
      what,
    ),
  );
  if (!created.success) throw new ConnectorError(`${what}: the answer names no record`, "transient");
  const rkey = created.data.uri.split("/").at(-1) ?? "";
  return { externalId: created.data.uri, url: `https://bsky.app/profile/${did}/post/${rkey}` };
}
