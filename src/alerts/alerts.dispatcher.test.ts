import { describe, expect, it } from "vitest";
import { alertTargetUrl } from "./alerts.dispatcher.ts";

describe("where an alert message links to", () => {
  const base = "https://brandwache.example/";

  it("the alert in the app when the alert names no page of its cause", () => {
    expect(alertTargetUrl(base, { id: "a 1", detail: { figures: { posts: 3 } } })).toBe(
      "https://brandwache.example/alerts?alert=a%201",
    );
    expect(alertTargetUrl(base, { id: "a2", detail: {} })).toBe("https://brandwache.example/alerts?alert=a2");
  });

  it("the cause's own page for a missed service level or a legal clock", () => {
    expect(alertTargetUrl(base, { id: "a3", detail: { figures: { link: "/inbox/c-42" } } })).toBe(
      "https://brandwache.example/inbox/c-42",
    );
  });

  it("never another host, whatever the stored link says", () => {
    for (const link of ["//evil.example/x", "https://evil.example/", "javascript:alert(1)", "", 7]) {
      expect(alertTargetUrl(base, { id: "a4", detail: { figures: { link } } })).toBe(
        "https://brandwache.example/alerts?alert=a4",
      );
    }
  });
});
