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
