import { afterEach, describe, expect, it } from "vitest";
import { fakeConnectorContext, fakePublishRoutes, startFakePlatform } from "../../../test/fake-platform.ts";
import { youtubeConnector } from "./youtube.connector.ts";
import type { YoutubeConfig } from "./youtube.schema.ts";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const config = (origin: string): YoutubeConfig => ({
  channelId: "UCnordwindmobil0000000000",
  searchQueries: [],
  apiBase: `${origin}/youtube/v3`,
});
const publish = youtubeConnector.publish;
if (!publish) throw new Error("YouTube publishes");
const secrets = { apiKey: "key", accessToken: "ya29.token" };

async function fakeYoutube() {
  const fake = fakePublishRoutes();
  const routes = Object.fromEntries(
    Object.entries(fake.routes).map(([key, handler]) => [
      key.replace("POST /", "POST /youtube/v3/"),
      handler,
    ]),
  );
  const server = await startFakePlatform(routes);
  servers.push(server);
  return { fake, server };
}

// A reply inside a thread, as commentThreads.list carries it (docs/comments resource).
const replyComment = {
  kind: "youtube#comment",
  id: "UgzTop123.AQreply1",
  snippet: {
    videoId: "dQw4w9WgXcQ",
    textOriginal: "Bei mir auch kein Empfang",
    parentId: "UgzTop123",
    publishedAt: "2026-11-25T10:00:00Z",
  },
};

describe("youtubeConnector.publish", () => {
  it("answers a reply in its thread: comments.insert with the top-level comment as parentId", async () => {
    const { fake, server } = await fakeYoutube();
    const result = await publish(
      config(server.origin),
      secrets,
      { text: "Wir prüfen das.", lang: "de", inReplyTo: { externalId: replyComment.id, raw: replyComment } },
      fakeConnectorContext(),
    );
    expect(fake.posted[0]?.path).toBe("/youtube/v3/comments");
    expect(fake.posted[0]?.body).toEqual({
      snippet: { parentId: "UgzTop123", textOriginal: "Wir prüfen das." },
    });
    expect(fake.posted[0]?.headers.authorization).toBe("Bearer ya29.token");
    expect(result).toEqual({
      externalId: "UgzTop123.AQ1",
      url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzTop123.AQ1",
    });
  });

  it("comments on a video found by search with commentThreads.insert", async () => {
    const { fake, server } = await fakeYoutube();
    const video = {
      kind: "youtube#searchResult",
      id: { kind: "youtube#video", videoId: "abcdefghijk" },
      snippet: {
        publishedAt: "2026-11-25T09:00:00Z",
        channelId: "UCx",
        title: "Nordwind Test",
        description: "",
      },
    };
    const result = await publish(
      config(server.origin),
      secrets,
      { text: "Thanks for testing!", lang: "en", inReplyTo: { externalId: "abcdefghijk", raw: video } },
      fakeConnectorContext(),
    );
    expect(fake.posted[0]?.path).toBe("/youtube/v3/commentThreads");
    expect(fake.posted[0]?.body).toEqual({
      snippet: {
        videoId: "abcdefghijk",
        topLevelComment: { snippet: { textOriginal: "Thanks for testing!" } },
      },
    });
    expect(result.url).toBe(`https://www.youtube.com/watch?v=abcdefghijk&lc=${result.externalId}`);
  });

  it("refuses new posts and missing tokens, and maps quota and auth errors", async () => {
    await expect(
      publish(config("https://example.com"), secrets, { text: "x", lang: "en" }, fakeConnectorContext()),
    ).rejects.toMatchObject({ kind: "config", message: expect.stringContaining("no new posts") });
    await expect(
      publish(
        config("https://example.com"),
        { apiKey: "k" },
        { text: "x", lang: "en", inReplyTo: { externalId: "Ugz1" } },
        fakeConnectorContext(),
      ),
    ).rejects.toMatchObject({ kind: "config", message: expect.stringContaining("youtube.force-ssl") });
    let reason = "quotaExceeded";
    let status = 403;
    const server = await startFakePlatform({
      "POST /youtube/v3/comments": () => ({
        status,
        body: {
          error: { code: status, message: "no", errors: [{ reason, domain: "youtube", message: "no" }] },
        },
      }),
    });
    servers.push(server);
    const attempt = () =>
      publish(
        config(server.origin),
        secrets,
        { text: "x", lang: "en", inReplyTo: { externalId: "Ugz1" } },
        fakeConnectorContext(),
      );
    await expect(attempt()).rejects.toMatchObject({ kind: "rate_limited" });
    reason = "forbidden";
    await expect(attempt()).rejects.toMatchObject({ kind: "auth" });
    status = 500;
    reason = "backendError";
    await expect(attempt()).rejects.toMatchObject({ kind: "transient" });
  });
});
