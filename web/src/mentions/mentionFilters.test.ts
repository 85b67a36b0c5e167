import { describe, expect, it } from "vitest";
import type { PostRead } from "../../../src/posts/posts.schema.ts";
import { PostExportQuery } from "../../../src/posts/posts.schema.ts";
import {
  defaultFilters,
  exportUrl,
  filtersFromSearch,
  filtersToSearch,
  followsLiveStream,
  listQuery,
  MAX_POST_IDS,
  type MentionFilters,
  matchesLiveFilters,
  mentionsOfAuthor,
  mentionsOfPosts,
  parsePostIds,
  rangeStart,
  streamQuery,
} from "./mentionFilters.ts";

describe("mention filters in the URL", () => {
  it("reads every filter from a linked view", () => {
    const params = new URLSearchParams(
      "topicId=t_123&platform=mastodon&lang=de&range=1h&q=k%C3%BCndigung%20st%C3%B6rung&risk=complaint&sort=priority&deleted=hide",
    );
    expect(filtersFromSearch(params)).toEqual({
      topicId: "t_123",
      platform: "mastodon",
      lang: "de",
      range: "1h",
      q: "kündigung störung",
      risk: "complaint",
      sort: "priority",
      author: undefined,
      ids: undefined,
      deleted: "hide",
    });
  });

  it("falls back to no filter for unknown or empty values", () => {
    const params = new URLSearchParams(
      "topicId=&platform=myspace&lang=fr&range=3y&q=%20%20&risk=spam&sort=random&ids=%20,,&deleted=all",
    );
    expect(filtersFromSearch(params)).toEqual(defaultFilters);
  });

  it("writes only what differs from the default, so a plain view has a plain URL", () => {
    expect(filtersToSearch(defaultFilters).toString()).toBe("");
    expect(filtersToSearch({ ...defaultFilters, lang: "en", q: " shitstorm " }).toString()).toBe(
      "lang=en&q=shitstorm",
    );
  });

  it("round-trips every combination it writes", () => {
    const filters: MentionFilters[] = [
      defaultFilters,
      {
        topicId: "a b&c",
        platform: "bluesky",
        lang: "other",
        range: "15m",
        q: '"schlechter service"',
        risk: "opportunity_lead",
        sort: "priority",
        author: "nordwind_hilfe",
        ids: undefined,
        deleted: "only",
      },
      { ...defaultFilters, lang: "de", range: "7d", risk: "leak_pii", deleted: "hide" },
      { ...defaultFilters, ids: ["p_1", "p_2"], sort: "priority" },
    ];
    for (const f of filters) expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
  });
});

describe("one author's posts (`author`)", () => {
  it("reads a handle without its @ and refuses what is not a handle", () => {
    expect(filtersFromSearch(new URLSearchParams("author=%40Nordwind_Hilfe")).author).toBe("Nordwind_Hilfe");
    expect(filtersFromSearch(new URLSearchParams("author=a%20b")).author).toBeUndefined();
    expect(filtersFromSearch(new URLSearchParams("author=%3Cscript%3E")).author).toBeUndefined();
    expect(filtersFromSearch(new URLSearchParams("author=")).author).toBeUndefined();
  });

  it("links to an author's posts, on one platform when known, and passes the filter to the API", () => {
    expect(mentionsOfAuthor("@nordwind_hilfe")).toBe("/mentions?author=nordwind_hilfe");
    expect(mentionsOfAuthor("nordwind_hilfe", "x")).toBe("/mentions?author=nordwind_hilfe&platform=x");
    expect(mentionsOfAuthor("nordwind_hilfe", "Bluesky")).toBe(
      "/mentions?author=nordwind_hilfe&platform=bluesky",
    );
    expect(mentionsOfAuthor("nordwind", "myspace")).toBe("/mentions?author=nordwind");
    const back = filtersFromSearch(
      new URLSearchParams(mentionsOfAuthor("@nordwind_hilfe_service", "bluesky").split("?")[1]),
    );
    expect([back.author, back.platform]).toEqual(["nordwind_hilfe_service", "bluesky"]);
    expect(streamQuery({ ...defaultFilters, author: "nordwind_hilfe" }).author).toBe("nordwind_hilfe");
  });

  it("keeps live posts of that author only, in any case", () => {
    const post = (handle: string) =>
      ({ id: "p", deletedAt: null, assessment: null, author: { handle } }) as unknown as PostRead;
    const filters = { ...defaultFilters, author: "nordwind_hilfe" };
    expect(matchesLiveFilters(post("Nordwind_Hilfe"), filters)).toBe(true);
    expect(matchesLiveFilters(post("nordwind_hilfe_service"), filters)).toBe(false);
  });
});

describe("the posts of an alert or a group (`ids`)", () => {
  it("reads a comma-separated list, trimmed and without repeats", () => {
    expect(filtersFromSearch(new URLSearchParams("ids=p_1,%20p_2%20,p_1,,p_3")).ids).toEqual([
      "p_1",
      "p_2",
      "p_3",
    ]);
  });

  it("keeps at most as many ids as one request takes, and drops ids the API would refuse", () => {
    const many = Array.from({ length: MAX_POST_IDS + 20 }, (_, i) => `p_${i}`);
    expect(parsePostIds(many.join(","))).toHaveLength(MAX_POST_IDS);
    expect(parsePostIds(`${"x".repeat(101)},p_1,p 2,<script>,01HXYZ-abc`)).toEqual(["p_1", "01HXYZ-abc"]);
    expect(parsePostIds("%%%")).toBeUndefined();
    expect(parsePostIds(null)).toBeUndefined();
  });

  it("links to exactly these posts, in a form the Mentions view reads back", () => {
    const link = mentionsOfPosts(["p_1", "01HXYZ-abc"]);
    expect(link).toBe("/mentions?ids=p_1,01HXYZ-abc");
    expect(filtersFromSearch(new URL(link, "http://x").searchParams).ids).toEqual(["p_1", "01HXYZ-abc"]);
  });

  it("asks the list for the ids and stops following the live stream", () => {
    const filters: MentionFilters = { ...defaultFilters, ids: ["p_1", "p_2"] };
    expect(listQuery(filters, 0).ids).toBe("p_1,p_2");
    expect(listQuery(defaultFilters, 0).ids).toBeUndefined();
    expect(followsLiveStream(filters)).toBe(false);
    expect(followsLiveStream(defaultFilters)).toBe(true);
    expect(streamQuery(filters)).not.toHaveProperty("ids");
  });
});

describe("API queries from the filters", () => {
  const now = Date.parse("2025-11-25T12:00:00.000Z");

  it("turns a time range into a lower bound", () => {
    expect(rangeStart("15m", now)).toBe("2025-11-25T11:45:00.000Z");
    expect(rangeStart("24h", now)).toBe("2025-11-24T12:00:00.000Z");
    expect(rangeStart("7d", now)).toBe("2025-11-18T12:00:00.000Z");
    expect(rangeStart("all", now)).toBeUndefined();
  });

  it("sends the stream no time range, no order and no empty search", () => {
    const filters: MentionFilters = {
      ...defaultFilters,
      platform: "rss",
      range: "1h",
      risk: "threat",
      sort: "priority",
    };
    expect(streamQuery(filters)).toStrictEqual({
      topicId: undefined,
      platform: "rss",
      lang: undefined,
      q: undefined,
      risk: "threat",
      author: undefined,
      deleted: undefined,
    });
    expect(streamQuery({ ...filters, deleted: "hide" }).deleted).toBe("hide");
    expect(listQuery(filters, now)).toMatchObject({
      platform: "rss",
      risk: "threat",
      sort: "priority",
      from: "2025-11-25T11:00:00.000Z",
    });
  });

  it("leaves the default order out of the list query", () => {
    expect(listQuery(defaultFilters, now).sort).toBeUndefined();
  });
});

describe("matchesLiveFilters", () => {
  function post(assessment: PostRead["assessment"]): PostRead {
    return {
      id: "p1",
      platform: "bluesky",
      externalId: "ext-p1",
      assessment,
      text: "Seit drei Tagen kein Netz in Kiel, ich kündige!",
      lang: "de",
      url: null,
      deletedAt: null,
      editedAt: null,
      postedAt: "2025-11-25T11:00:00.000Z",
      ingestedAt: "2025-11-25T11:00:01.000Z",
      author: { id: "a1", handle: "kieler", displayName: null, followers: null, accountCreatedAt: null },
      metrics: {},
      topicIds: [],
      inReplyTo: null,
    };
  }
  const complaint = post({ priority: 0.5, flags: ["complaint", "negative"], spans: [] });

  it("lets every post through without a risk filter", () => {
    expect(matchesLiveFilters(post(null), defaultFilters)).toBe(true);
  });

  it("keeps only posts flagged for the chosen category", () => {
    expect(matchesLiveFilters(complaint, { ...defaultFilters, risk: "complaint" })).toBe(true);
    expect(matchesLiveFilters(complaint, { ...defaultFilters, risk: "threat" })).toBe(false);
    expect(matchesLiveFilters(post(null), { ...defaultFilters, risk: "complaint" })).toBe(false);
  });

  it("shows posts deleted by their author marked, hides them, or shows them alone, as chosen", () => {
    const deleted = { ...post(null), deletedAt: "2025-11-25T12:00:00.000Z" };
    expect(matchesLiveFilters(deleted, defaultFilters)).toBe(true);
    expect(matchesLiveFilters(deleted, { ...defaultFilters, deleted: "hide" })).toBe(false);
    expect(matchesLiveFilters(post(null), { ...defaultFilters, deleted: "hide" })).toBe(true);
    expect(matchesLiveFilters(deleted, { ...defaultFilters, deleted: "only" })).toBe(true);
    expect(matchesLiveFilters(post(null), { ...defaultFilters, deleted: "only" })).toBe(false);
  });

  it("keeps out every post that is not one of the chosen ids", () => {
    expect(matchesLiveFilters(post(null), { ...defaultFilters, ids: ["p1"] })).toBe(true);
    expect(matchesLiveFilters(post(null), { ...defaultFilters, ids: ["p2", "p3"] })).toBe(false);
  });
});

describe("exporting the view", () => {
  const now = Date.parse("2026-11-25T10:00:00Z");

  it("asks the export for exactly the posts of the list, in its order, with the separator", () => {
    const filters: MentionFilters = {
      ...defaultFilters,
      platform: "x",
      range: "1h",
      q: "kündigung störung",
      risk: "complaint",
      sort: "priority",
      author: "kundin_a",
    };
    const url = new URL(exportUrl(filters, now, "semicolon"), "http://localhost");
    expect(url.pathname).toBe("/api/posts/export");
    const query = Object.fromEntries(url.searchParams);
    expect(query).toEqual({
      platform: "x",
      q: "kündigung störung",
      risk: "complaint",
      author: "kundin_a",
      from: "2026-11-25T09:00:00.000Z",
      sort: "priority",
      separator: "semicolon",
    });
    // The server accepts what the page sends.
    expect(PostExportQuery.safeParse(query).success).toBe(true);
  });

  it("sends no empty parameters for the default view", () => {
    expect(exportUrl(defaultFilters, now, "comma")).toBe("/api/posts/export?separator=comma");
  });
});
