import { describe, expect, it } from "vitest";
import { safeHttpUrl } from "./safeLink.ts";

describe("safeHttpUrl", () => {
  it.each([
    ["https://mastodon.social/@kundin/1234", "https://mastodon.social/@kundin/1234"],
    ["http://example.de/beitrag?id=1", "http://example.de/beitrag?id=1"],
    ["javascript:alert(1)", undefined],
    ["JaVaScRiPt:alert(1)", undefined],
    ["data:text/html,<script>alert(1)</script>", undefined],
    ["//evil.example/x", undefined],
    ["not a url", undefined],
    [null, undefined],
  ])("keeps %j as %j", (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});
