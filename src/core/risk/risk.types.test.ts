import { describe, expect, it } from "vitest";
import { isOfficialHandle, officialAccountOf } from "./risk.types.ts";

describe("isOfficialHandle: the one test of the official-accounts registry", () => {
  const registry = [{ handle: "@Nordwind_Hilfe" }, { platform: "Mastodon", handle: "nordwindmobil" }];

  it("compares handles without the @ and the letter case", () => {
    expect(isOfficialHandle(registry, "x", "nordwind_hilfe")).toBe(true);
    expect(isOfficialHandle(registry, "x", "@NORDWIND_HILFE")).toBe(true);
    expect(isOfficialHandle(registry, "x", "nordwind_hilfe_")).toBe(false);
  });

  it("holds an entry without a platform on every platform, one with a platform on that platform only", () => {
    expect(isOfficialHandle(registry, "bluesky", "nordwind_hilfe")).toBe(true);
    expect(isOfficialHandle(registry, "mastodon", "nordwindmobil")).toBe(true);
    expect(isOfficialHandle(registry, "x", "nordwindmobil")).toBe(false);
  });

  it("gives an author whose platform is unknown the benefit of any entry", () => {
    expect(isOfficialHandle(registry, undefined, "nordwindmobil")).toBe(true);
    expect(isOfficialHandle(registry, "", "nordwindmobil")).toBe(true);
    expect(isOfficialHandle([], undefined, "nordwindmobil")).toBe(false);
  });

  it("names the entry an official author is, for whoever groups by account", () => {
    expect(officialAccountOf(registry, "bluesky", "@NORDWIND_HILFE")).toBe(registry[0]);
    expect(officialAccountOf(registry, "x", "nordwindmobil")).toBeUndefined();
  });
});
