import { describe, expect, it } from "vitest";
import {
  defaultFilters,
  filtersFromSearch,
  filtersToSearch,
  listQuery,
  type MentionFilters,
  rangeStart,
  streamQuery,
} from "./mentionFilters.ts";

describe("mention filters in the URL", () => {
  it("reads every filter from a linked view", () => {
    const params = new URLSearchParams(
      "topicId=t_123&platform=mastodon&lang=de&range=1h&q=k%C3%BCndigung%20st%C3%B6rung",
    );
    expect(filtersFromSearch(params)).toEqual({
      topicId: "t_123",
      platform: "mastodon",
      lang: "de",
      range: "1h",
      q: "kündigung störung",
    });
  });

  it("falls back to no filter for unknown or empty values", () => {
    const params = new URLSearchParams("topicId=&platform=myspace&lang=fr&range=3y&q=%20%20");
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
      { topicId: "a b&c", platform: "bluesky", lang: "other", range: "15m", q: '"schlechter service"' },
      { topicId: undefined, platform: undefined, lang: "de", range: "7d", q: "" },
    ];
    for (const f of filters) expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
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

  it("sends the stream no time range and no empty search", () => {
    const filters: MentionFilters = { ...defaultFilters, platform: "rss", range: "1h" };
    expect(streamQuery(filters)).toEqual({
      topicId: undefined,
      platform: "rss",
      lang: undefined,
      q: undefined,
    });
    expect(listQuery(filters, now)).toMatchObject({ platform: "rss", from: "2025-11-25T11:00:00.000Z" });
  });
});
