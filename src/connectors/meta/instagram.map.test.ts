import { describe, expect, it } from "vitest";
import comments from "./fixtures/instagram-comments.json" with { type: "json" };
import media from "./fixtures/instagram-media.json" with { type: "json" };
import mediaPage2 from "./fixtures/instagram-media-page2.json" with { type: "json" };
import { mapInstagramComment, mapInstagramMedia } from "./instagram.map.ts";
import { InstagramComment, InstagramMedia, InstagramReply } from "./instagram.schema.ts";

const permalink = "https://www.instagram.com/p/DBx1aQ2sNw4/";

describe("mapInstagramMedia", () => {
  it("maps a caption with the account as author, the permalink and the counters", () => {
    const raw = media.data[0];
    expect(mapInstagramMedia(InstagramMedia.parse(raw), raw)).toEqual({
      platform: "instagram",
      externalId: "18047209315842177",
      text: raw?.caption,
      postedAt: "2026-11-25T07:45:12.000Z",
      author: { handle: "nordwind.mobil", displayName: undefined },
      url: permalink,
      inReplyTo: undefined,
      metrics: { likes: 214, replies: 3 },
      raw,
    });
  });

  it("returns null for media without a caption", () => {
    expect(mapInstagramMedia(InstagramMedia.parse(mediaPage2.data[0]))).toBeNull();
  });
});

describe("mapInstagramComment", () => {
  const comment = InstagramComment.parse(comments.data[0]);

  it("maps a top-level comment as an answer to its media, linked to the media", () => {
    expect(mapInstagramComment(comment, { inReplyTo: "18047209315842177", mediaUrl: permalink })).toEqual({
      platform: "instagram",
      externalId: "17905512376084421",
      text: "Und wer zahlt mir die drei Tage ohne Netz? Homeoffice ging gar nicht 😡",
      postedAt: "2026-11-25T09:14:37.000Z",
      author: { handle: "kiel.kathi", displayName: undefined },
      url: permalink,
      inReplyTo: "18047209315842177",
      metrics: { likes: 31 },
      raw: comment,
    });
  });

  it("maps a reply as an answer to its comment", () => {
    const reply = InstagramReply.parse(comment.replies?.data[0]);
    const post = mapInstagramComment(reply, { inReplyTo: comment.id });
    expect(post?.inReplyTo).toBe("17905512376084421");
    expect(post?.author.handle).toBe("nordwind.mobil");
  });

  it("names a commenter without a username `unknown`", () => {
    const { username: _hidden, ...anonymous } = comments.data[1] ?? {};
    const post = mapInstagramComment(InstagramReply.parse(anonymous), { inReplyTo: "18047209315842177" });
    expect(post?.author.handle).toBe("unknown");
  });
});
