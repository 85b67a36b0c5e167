import { describe, expect, it } from "vitest";
import { isOwnPost } from "./ownAccount.ts";

const post = (platform: "x" | "mastodon", handle: string) => ({
  platform,
  author: { id: "a1", handle, displayName: null, followers: null, accountCreatedAt: null },
});

describe("isOwnPost", () => {
  const accounts = [{ handle: "@Nordwind_Hilfe" }, { platform: "mastodon", handle: "nordwindmobil" }];

  it("knows the registry's handles whatever the @ and letter case, on the platforms they are registered for", () => {
    expect(isOwnPost(accounts, post("x", "nordwind_hilfe"))).toBe(true);
    expect(isOwnPost(accounts, post("mastodon", "NORDWIND_HILFE"))).toBe(true);
    expect(isOwnPost(accounts, post("mastodon", "nordwindmobil"))).toBe(true);
    expect(isOwnPost(accounts, post("x", "nordwindmobil"))).toBe(false);
  });

  it("marks nothing before the registry is loaded, and nothing that only looks alike", () => {
    expect(isOwnPost(undefined, post("x", "nordwind_hilfe"))).toBe(false);
    expect(isOwnPost(accounts, post("x", "nordwind_hilfe2"))).toBe(false);
    expect(isOwnPost([], post("x", "nordwind_hilfe"))).toBe(false);
  });
});
