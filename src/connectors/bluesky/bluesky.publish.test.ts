import { afterEach, describe, expect, it } from "vitest";
import { fakeConnectorContext, fakePublishRoutes, startFakePlatform } from "../../../test/fake-platform.ts";
import { blueskyConnector } from "./bluesky.connector.ts";
import type { BlueskyConfig } from "./bluesky.schema.ts";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const config = (origin: string): BlueskyConfig => ({
  serviceUrl: origin,
  pdsUrl: origin,
  queries: ["nordwind"],
  live: false,
  jetstreamUrl: "wss://jetstream2.us-east.bsky.network/subscribe",
});
const publish = blueskyConnector.publish;
if (!publish) throw new Error("Bluesky publishes");

// A reply in a thread, shaped as app.bsky.feed.defs#postView.
const parentView = {
  uri: "at://did:plc:kunde/app.bsky.feed.post/3lbparent",
  cid: "bafyreiparent",
  author: { did: "did:plc:kunde", handle: "kunde.bsky.social" },
  record: {
    $type: "app.bsky.feed.post",
    text: "@nordwind seit gestern kein Netz!",
    createdAt: "2026-11-25T11:00:00.000Z",
    reply: {
      root: { uri: "at://did:plc:other/app.bsky.feed.post/3lbroot", cid: "bafyreiroot" },
      parent: { uri: "at://did:plc:other/app.bsky.feed.post/3lbroot", cid: "bafyreiroot" },
    },
  },
  indexedAt: "2026-11-25T11:00:01.000Z",
};

describe("blueskyConnector.publish", () => {
  it("creates a reply record with root and parent strong refs from the stored post view", async () => {
    const fake = fakePublishRoutes();
    const server = await startFakePlatform(fake.routes);
    servers.push(server);
    const ctx = fakeConnectorContext();
    const result = await publish(
      config(server.origin),
      { identifier: "support-a.bsky.social", appPassword: "app-pass-1" },
      {
        text: "Wir sehen uns das an.",
        lang: "de",
        inReplyTo: { externalId: parentView.uri, raw: parentView },
      },
      ctx,
    );
    const write = fake.posted.find((p) => p.path === "/xrpc/com.atproto.repo.createRecord");
    expect(write?.body).toEqual({
      repo: "did:plc:nordwindsupport",
      collection: "app.bsky.feed.post",
      record: {
        $type: "app.bsky.feed.post",
        text: "Wir sehen uns das an.",
        createdAt: "2026-11-25T12:00:00.000Z",
        langs: ["de"],
        reply: {
          root: { uri: "at://did:plc:other/app.bsky.feed.post/3lbroot", cid: "bafyreiroot" },
          parent: { uri: parentView.uri, cid: "bafyreiparent" },
        },
      },
    });
    expect(result.externalId).toMatch(/^at:\/\/did:plc:nordwindsupport\/app\.bsky\.feed\.post\/3lbw/u);
    expect(result.url).toBe(
      `https://bsky.app/profile/did:plc:nordwindsupport/post/${result.externalId.split("/").at(-1)}`,
    );
  });

  it("fetches the parent with getPosts when no post view is stored; the parent is its own root", async () => {
    const fake = fakePublishRoutes();
    const top = { ...parentView, record: { ...parentView.record, reply: undefined } };
    const server = await startFakePlatform({
      ...fake.routes,
      "GET /xrpc/app.bsky.feed.getPosts": (req) => ({
        body: { posts: req.query.get("uris") === top.uri ? [top] : [] },
      }),
    });
    servers.push(server);
    await publish(
      config(server.origin),
      { identifier: "support-b.bsky.social", appPassword: "app-pass-2" },
      { text: "Thanks!", lang: "en", inReplyTo: { externalId: top.uri } },
      fakeConnectorContext(),
    );
    const record = fake.posted.at(-1)?.body.record as { reply: unknown };
    expect(record.reply).toEqual({
      root: { uri: top.uri, cid: top.cid },
      parent: { uri: top.uri, cid: top.cid },
    });
  });

  it("needs an account, and maps a refused write to auth and a rate limit to its reset time", async () => {
    await expect(
      publish(config("https://bsky.social"), {}, { text: "x", lang: "en" }, fakeConnectorContext()),
    ).rejects.toMatchObject({ kind: "config" });
    const fake = fakePublishRoutes();
    let status = 403;
    const server = await startFakePlatform({
      ...fake.routes,
      "POST /xrpc/com.atproto.repo.createRecord": () => ({
        status,
        headers: { "ratelimit-reset": String(Date.parse("2026-11-25T12:05:00Z") / 1000) },
        body: { error: "Forbidden" },
      }),
    });
    servers.push(server);
    const attempt = () =>
      publish(
        config(server.origin),
        { identifier: "support-c.bsky.social", appPassword: "app-pass-3" },
        { text: "x", lang: "en" },
        fakeConnectorContext(),
      );
    await expect(attempt()).rejects.toMatchObject({ kind: "auth" });
    status = 429;
    await expect(attempt()).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 300_000 });
    expect(fake.posted).toHaveLength(0);
  });
});
