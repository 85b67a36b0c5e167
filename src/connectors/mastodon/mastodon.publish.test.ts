import { afterEach, describe, expect, it } from "vitest";
import { fakeConnectorContext, fakePublishRoutes, startFakePlatform } from "../../../test/fake-platform.ts";
import { ConnectorError } from "../connector.ts";
import { mastodonConnector } from "./mastodon.connector.ts";
import type { MastodonConfig } from "./mastodon.schema.ts";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const config = (origin: string): MastodonConfig => ({
  instanceUrl: origin,
  hashtags: ["nordwind"],
  searchQueries: [],
  notifications: false,
  live: true,
});
const publish = mastodonConnector.publish;
if (!publish) throw new Error("Mastodon publishes");

describe("mastodonConnector.publish", () => {
  it("posts a reply with in_reply_to_id, the language, the token and an Idempotency-Key", async () => {
    const fake = fakePublishRoutes();
    const server = await startFakePlatform(fake.routes);
    servers.push(server);
    const result = await publish(
      config(server.origin),
      { accessToken: "tok-123" },
      {
        text: "Das tut uns leid – wir prüfen die Störung in Kiel.",
        lang: "de",
        inReplyTo: { externalId: "117676543210987654" },
        idempotencyKey: "draft-1-v2",
      },
      fakeConnectorContext(),
    );
    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]?.body).toEqual({
      status: "Das tut uns leid – wir prüfen die Störung in Kiel.",
      in_reply_to_id: "117676543210987654",
      language: "de",
    });
    expect(fake.posted[0]?.headers.authorization).toBe("Bearer tok-123");
    expect(fake.posted[0]?.headers["idempotency-key"]).toBe("draft-1-v2");
    expect(result).toEqual({
      externalId: "117670000000000001",
      url: "https://social.example/@nordwind/117670000000000001",
    });
  });

  it("posts once when a send is retried with the same key", async () => {
    const fake = fakePublishRoutes();
    const server = await startFakePlatform(fake.routes);
    servers.push(server);
    const input = { text: "Hello", lang: "en" as const, idempotencyKey: "draft-2-v1" };
    const first = await publish(config(server.origin), { accessToken: "t" }, input, fakeConnectorContext());
    const second = await publish(config(server.origin), { accessToken: "t" }, input, fakeConnectorContext());
    expect(second).toEqual(first);
    expect(fake.posted).toHaveLength(1);
  });

  it("needs a token, and maps 401 to auth and 429 to rate_limited with Retry-After", async () => {
    await expect(
      publish(config("https://social.example"), {}, { text: "x", lang: "en" }, fakeConnectorContext()),
    ).rejects.toMatchObject({ kind: "config", message: expect.stringContaining("write:statuses") });
    let status = 401;
    const server = await startFakePlatform({
      "POST /api/v1/statuses": () => ({ status, headers: { "retry-after": "30" }, body: { error: "nope" } }),
    });
    servers.push(server);
    const attempt = () =>
      publish(config(server.origin), { accessToken: "t" }, { text: "x", lang: "en" }, fakeConnectorContext());
    await expect(attempt()).rejects.toMatchObject({ kind: "auth" });
    status = 429;
    const limited = await attempt().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ConnectorError);
    expect(limited).toMatchObject({ kind: "rate_limited", retryAfterMs: 30_000 });
    status = 503;
    await expect(attempt()).rejects.toMatchObject({ kind: "transient" });
  });
});
