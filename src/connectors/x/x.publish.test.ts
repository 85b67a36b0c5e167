import { afterEach, describe, expect, it } from "vitest";
import { fakeConnectorContext, fakePublishRoutes, startFakePlatform } from "../../../test/fake-platform.ts";
import { xConnector } from "./x.connector.ts";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const publish = xConnector.publish;
if (!publish) throw new Error("X publishes");

describe("xConnector.publish", () => {
  it("posts a reply with reply.in_reply_to_tweet_id as the user", async () => {
    const fake = fakePublishRoutes();
    const server = await startFakePlatform(fake.routes);
    servers.push(server);
    const result = await publish(
      { query: "", live: false, apiBase: server.origin },
      { bearerToken: "app", userAccessToken: "user-token" },
      { text: "We're on it.", lang: "en", inReplyTo: { externalId: "1861234567890123456" } },
      fakeConnectorContext(),
    );
    expect(fake.posted[0]?.body).toEqual({
      text: "We're on it.",
      reply: { in_reply_to_tweet_id: "1861234567890123456" },
    });
    expect(fake.posted[0]?.headers.authorization).toBe("Bearer user-token");
    expect(result).toEqual({
      externalId: "1860000000000000001",
      url: "https://x.com/i/web/status/1860000000000000001",
    });
  });

  it("needs a user token, and waits for x-rate-limit-reset on 429", async () => {
    await expect(
      publish(
        { query: "", live: false, apiBase: "https://api.x.com" },
        { bearerToken: "app" },
        { text: "x", lang: "en" },
        fakeConnectorContext(),
      ),
    ).rejects.toMatchObject({ kind: "config", message: expect.stringContaining("tweet.write") });
    let status = 429;
    const server = await startFakePlatform({
      "POST /2/tweets": () => ({
        status,
        headers: { "x-rate-limit-reset": String(Date.parse("2026-11-25T12:15:00Z") / 1000) },
        body: { title: "Too Many Requests" },
      }),
    });
    servers.push(server);
    const attempt = () =>
      publish(
        { query: "", live: false, apiBase: server.origin },
        { bearerToken: "a", userAccessToken: "u" },
        { text: "x", lang: "en" },
        fakeConnectorContext(),
      );
    await expect(attempt()).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 900_000 });
    status = 401;
    await expect(attempt()).rejects.toMatchObject({ kind: "auth" });
  });
});
