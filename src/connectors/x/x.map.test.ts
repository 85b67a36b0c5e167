import { describe, expect, it } from "vitest";
import page from "./fixtures/search-recent.json" with { type: "json" };
import page2 from "./fixtures/search-recent-page2.json" with { type: "json" };
import { buildSearchQuery, mapSearchPage, mapTweet } from "./x.map.ts";
import { XSearchPage, XTweet, XUser } from "./x.schema.ts";

const [reply, brand, english] = page.data;
const [kathi, nordwind] = page.includes.users;

describe("mapTweet", () => {
  it("maps a reply with its author, link, language, metrics and the post it answers", () => {
    expect(mapTweet(XTweet.parse(reply), XUser.parse(kathi), reply)).toEqual({
      platform: "x",
      externalId: "2125559749800898577",
      text: "@nordwind_mobil Seit 6 Uhr kein Netz in Kiel-Gaarden und eure Hotline legt einfach auf. Ernsthaft?",
      postedAt: "2026-11-25T11:58:30.000Z",
      author: {
        handle: "kiel_kathi",
        displayName: "Kathi aus Kiel",
        followers: 412,
        createdAt: "2022-03-13T04:11:56.000Z",
      },
      url: "https://x.com/kiel_kathi/status/2125559749800898577",
      lang: "de",
      inReplyTo: "2125555375141826577",
      metrics: { likes: 14, shares: 3, replies: 0, views: 860 },
      raw: reply,
    });
  });

  it("answers nothing for a post that starts a conversation", () => {
    expect(mapTweet(XTweet.parse(brand), XUser.parse(nordwind))?.inReplyTo).toBeUndefined();
  });

  it.each([
    ["de", "de"],
    ["en", "en"],
    ["und", undefined],
    ["fr", undefined],
  ])("takes X's language %s as %s", (code, lang) => {
    expect(mapTweet(XTweet.parse({ ...english, lang: code }), XUser.parse(kathi))?.lang).toBe(lang);
  });

  it("maps a later version of an edited post as an edit of the first, as the poll reads it too", () => {
    // Written 11:20:15 as 2125550123873218577 by Tom, edited at 11:31:02 into a new version.
    const first = XTweet.parse(english);
    const version = {
      ...first,
      id: "2125552837587894273",
      edit_history_tweet_ids: [first.id, "2125552837587894273"],
      text: "Nordwind outage day 3 in northern Germany (Kiel, Lübeck). Anyone else switching carriers?",
      created_at: "2026-11-25T11:31:02.000Z",
    };
    const [post] = mapSearchPage(
      XSearchPage.parse({ data: [version], includes: page.includes, meta: { result_count: 1 } }),
    );

    expect(post).toMatchObject({
      externalId: "2125550123873218577",
      postedAt: "2026-11-25T11:20:15.000Z",
      editedAt: "2026-11-25T11:31:02.000Z",
      text: version.text,
      url: "https://x.com/tomrichter_hh/status/2125552837587894273",
    });
  });

  it("maps the first version of an edited post as the post itself, without editedAt", () => {
    const first = XTweet.parse(english);
    const post = mapTweet(
      { ...first, edit_history_tweet_ids: [first.id, "2125552837587894273"] },
      XUser.parse(kathi),
    );

    expect(post).toMatchObject({ externalId: first.id, postedAt: first.created_at });
    expect(post).not.toHaveProperty("editedAt");
  });

  it("returns null when the author is missing from includes.users", () => {
    expect(mapTweet(XTweet.parse(english), undefined)).toBeNull();
  });
});

describe("mapSearchPage", () => {
  it("joins each post with its author and skips malformed items", () => {
    const broken = XSearchPage.parse({
      ...page2,
      data: [{ ...page2.data[0], created_at: "25.11.2026" }, page2.data[1], { id: "2125537478046658578" }],
    });
    expect(mapSearchPage(broken).map((post) => [post.externalId, post.author.handle])).toEqual([
      ["2125537478046658577", "funkloch_kiel"],
    ]);
  });

  it("maps an empty answer to no posts", () => {
    expect(mapSearchPage(XSearchPage.parse({ meta: { result_count: 0 } }))).toEqual([]);
  });
});

describe("buildSearchQuery", () => {
  it.each([
    [["nordwind"], "nordwind -is:retweet"],
    [["nordwind", "Nordwind Mobil", "#Funkloch"], '(nordwind OR "Nordwind Mobil" OR #Funkloch) -is:retweet'],
    [["kündigung", "kündigung", " "], "kündigung -is:retweet"],
    [["nordwind-mobil"], '"nordwind-mobil" -is:retweet'],
    [['say "no"'], '"say no" -is:retweet'],
    [[], null],
  ])("builds %j into %s", (terms, query) => {
    expect(buildSearchQuery(terms)).toBe(query);
  });
});
