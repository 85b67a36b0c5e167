import { afterEach, describe, expect, it } from "vitest";
import { fakeConnectorContext, fakePublishRoutes, startFakePlatform } from "../../../test/fake-platform.ts";
import { facebookConnector } from "./facebook.connector.ts";
import { instagramConnector } from "./instagram.connector.ts";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const publishFb = facebookConnector.publish;
const publishIg = instagramConnector.publish;
if (!publishFb || !publishIg) throw new Error("Meta connectors publish");

describe("facebookConnector.publish", () => {
  it("comments on a comment with the Page token in the body, not in the URL", async () => {
    const fake = fakePublishRoutes();
    const server = await startFakePlatform(fake.graphRoute("/v21.0", "1234_5678", "comments"));
    servers.push(server);
    const result = await publishFb(
      { pageId: "1234", graphBase: `${server.origin}/v21.0` },
      { pageAccessToken: "EAAG-secret" },
      { text: "Wir melden uns per Nachricht.", lang: "de", inReplyTo: { externalId: "1234_5678" } },
      fakeConnectorContext(),
    );
    expect(fake.posted[0]?.body).toEqual({
      message: "Wir melden uns per Nachricht.",
      access_token: "EAAG-secret",
    });
    expect(server.requests[0]?.query.toString()).toBe("");
    expect(result).toEqual({ externalId: "1234_5678_c1", url: null });
  });

  it("posts a new Page post to the feed", async () => {
    const fake = fakePublishRoutes();
    const server = await startFakePlatform(fake.graphRoute("/v21.0", "1234", "feed"));
    servers.push(server);
    const result = await publishFb(
      { pageId: "1234", graphBase: `${server.origin}/v21.0` },
      { pageAccessToken: "t" },
      { text: "Update: the network is back.", lang: "en" },
      fakeConnectorContext(),
    );
    expect(result).toEqual({ externalId: "1234_91", url: "https://www.facebook.com/1234_91" });
  });

  it("maps an expired token to auth without repeating the token, and throttling to rate_limited", async () => {
    let code = 190;
    const server = await startFakePlatform({
      "POST /v21.0/1234_5678/comments": () => ({
        status: 400,
        body: {
          error: { message: "Error validating access token EAAG-secret", type: "OAuthException", code },
        },
      }),
    });
    servers.push(server);
    const attempt = () =>
      publishFb(
        { pageId: "1234", graphBase: `${server.origin}/v21.0` },
        { pageAccessToken: "EAAG-secret" },
        { text: "x", lang: "en", inReplyTo: { externalId: "1234_5678" } },
        fakeConnectorContext(),
      );
    const refused = (await attempt().catch((e: unknown) => e)) as Error;
    expect(refused).toMatchObject({ kind: "auth" });
    expect(refused.message).not.toContain("EAAG-secret");
    code = 32;
    await expect(attempt()).rejects.toMatchObject({ kind: "rate_limited" });
  });
});

describe("instagramConnector.publish", () => {
  it("replies to a comment on /replies and comments on a media object on /comments", async () => {
    const fake = fakePublishRoutes();
    const server = await startFakePlatform({
      ...fake.graphRoute("/v21.0", "17890001", "replies"),
      ...fake.graphRoute("/v21.0", "17900002", "comments"),
    });
    servers.push(server);
    const config = { igUserId: "1784", graphBase: `${server.origin}/v21.0` };
    const comment = {
      id: "17890001",
      text: "Wann geht das Netz wieder?",
      timestamp: "2026-11-25T10:00:00+0000",
    };
    const media = {
      id: "17900002",
      caption: "Neuer Tarif",
      media_type: "IMAGE",
      timestamp: "2026-11-24T10:00:00+0000",
    };
    const reply = await publishIg(
      config,
      { accessToken: "IGQ" },
      {
        text: "Bald!",
        lang: "de",
        inReplyTo: { externalId: comment.id, url: "https://instagram.com/p/x", raw: comment },
      },
      fakeConnectorContext(),
    );
    await publishIg(
      config,
      { accessToken: "IGQ" },
      { text: "Danke!", lang: "de", inReplyTo: { externalId: media.id, raw: media } },
      fakeConnectorContext(),
    );
    expect(fake.posted.map((p) => [p.path, p.body.message])).toEqual([
      ["/v21.0/17890001/replies", "Bald!"],
      ["/v21.0/17900002/comments", "Danke!"],
    ]);
    expect(reply).toEqual({ externalId: "17890001_c1", url: "https://instagram.com/p/x" });
  });

  it("refuses new posts and maps a server error to transient", async () => {
    await expect(
      publishIg(
        { igUserId: "1", graphBase: "https://graph.facebook.com/v21.0" },
        { accessToken: "t" },
        { text: "x", lang: "en" },
        fakeConnectorContext(),
      ),
    ).rejects.toMatchObject({ kind: "config" });
    const server = await startFakePlatform({
      "POST /v21.0/1/replies": () => ({ status: 500, body: { error: { message: "oops", code: 2 } } }),
    });
    servers.push(server);
    await expect(
      publishIg(
        { igUserId: "1", graphBase: `${server.origin}/v21.0` },
        { accessToken: "t" },
        { text: "x", lang: "en", inReplyTo: { externalId: "1" } },
        fakeConnectorContext(),
      ),
    ).rejects.toMatchObject({ kind: "transient" });
  });
});
