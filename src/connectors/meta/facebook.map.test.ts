import { describe, expect, it } from "vitest";
import { mapFacebookComment, mapFacebookPost } from "./facebook.map.ts";
import { FacebookComment, FacebookPost } from "./facebook.schema.ts";
import comments from "./fixtures/facebook-comments.json" with { type: "json" };
import feed from "./fixtures/facebook-feed.json" with { type: "json" };
import feedPage2 from "./fixtures/facebook-feed-page2.json" with { type: "json" };

const postId = "104857392817465_873920184756231";
const [pageReply, topLevel] = comments.data;

describe("mapFacebookPost", () => {
  it("maps a Page post's message, author, link and counters", () => {
    const raw = feed.data[0];
    expect(mapFacebookPost(FacebookPost.parse(raw), raw)).toEqual({
      platform: "facebook",
      externalId: postId,
      text: raw?.message,
      postedAt: "2026-11-25T08:30:00.000Z",
      author: { handle: "104857392817465", displayName: "Nordwind Mobil" },
      url: "https://www.facebook.com/104857392817465/posts/873920184756231",
      inReplyTo: undefined,
      metrics: { likes: 41, replies: 3, shares: 12 },
      raw,
    });
  });

  it("maps a visitor's post on the Page with the visitor as author", () => {
    const post = mapFacebookPost(FacebookPost.parse(feed.data[1]));
    expect(post?.author).toEqual({ handle: "7304918265513374", displayName: "Jana Petersen" });
    expect(post?.metrics).toEqual({ likes: 7, replies: 0, shares: undefined });
  });

  it("returns null for a post without text (a photo only)", () => {
    expect(mapFacebookPost(FacebookPost.parse(feedPage2.data[0]))).toBeNull();
  });

  it("keeps the post but drops a link that is not http(s)", () => {
    const post = FacebookPost.parse({ ...feed.data[0], permalink_url: "javascript:alert(1)" });
    expect(mapFacebookPost(post)?.url).toBeUndefined();
  });
});

describe("mapFacebookComment", () => {
  it("answers the parent comment for a reply", () => {
    const post = mapFacebookComment(FacebookComment.parse(pageReply), postId, pageReply);
    expect(post).toEqual({
      platform: "facebook",
      externalId: "873920184756231_1190448327765901",
      text: pageReply?.message,
      postedAt: "2026-11-25T11:48:02.000Z",
      author: { handle: "104857392817465", displayName: "Nordwind Mobil" },
      url: "https://www.facebook.com/104857392817465/posts/873920184756231?comment_id=1190448327765901",
      inReplyTo: "873920184756231_1190391254108377",
      metrics: { likes: 2, replies: 0 },
      raw: pageReply,
    });
  });

  it("answers the post for a top-level comment", () => {
    const post = mapFacebookComment(FacebookComment.parse(topLevel), postId);
    expect(post?.inReplyTo).toBe(postId);
    expect(post?.author.handle).toBe("6829103375528816");
  });

  it("names a commenter Graph does not reveal `unknown` instead of dropping the comment", () => {
    const { from: _hidden, ...anonymous } = topLevel ?? {};
    const post = mapFacebookComment(FacebookComment.parse(anonymous), postId);
    expect(post?.author).toEqual({ handle: "unknown", displayName: undefined });
  });

  it("returns null for a comment that is only a sticker", () => {
    expect(mapFacebookComment(FacebookComment.parse({ ...topLevel, message: "" }), postId)).toBeNull();
  });

  it("reads Graph's time stamps with a +0000 offset as UTC", () => {
    const post = mapFacebookComment(
      FacebookComment.parse({ ...topLevel, created_time: "2026-11-25T13:30:19+0200" }),
      postId,
    );
    expect(post?.postedAt).toBe("2026-11-25T11:30:19.000Z");
  });
});
