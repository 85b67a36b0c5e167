import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareWithManifest } from "./manifest.ts";
import { profileUrlFor } from "./profile-url.ts";
import { isWinAnsi, toWinAnsi } from "./winansi.ts";

describe("profileUrlFor", () => {
  it.each([
    ["mastodon", "kunde@social.example", "https://social.example/@kunde"],
    ["bluesky", "kunde.bsky.social", "https://bsky.app/profile/kunde.bsky.social"],
    ["x", "@Kunde_1", "https://x.com/Kunde_1"],
    ["youtube", "kanal", "https://www.youtube.com/@kanal"],
    ["reddit", "someone", "https://www.reddit.com/user/someone/"],
    ["rss", "feed", null],
    ["mastodon", "nohost", null],
    ["x", "a/b", null],
  ])("%s %s → %s", (platform, handle, expected) => {
    expect(profileUrlFor(platform, handle)).toBe(expected);
  });
});

describe("toWinAnsi", () => {
  it("keeps German text and the Windows-1252 extras as they are", () => {
    expect(toWinAnsi("Größe – „Störung“ € 5")).toEqual({ text: "Größe – „Störung“ € 5", replaced: 0 });
  });

  it("replaces other characters deterministically and counts them", () => {
    expect(toWinAnsi("Łódź 🔥\nok")).toEqual({ text: "?ódz ? ok", replaced: 3 });
  });

  it("always returns only encodable characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const { text } = toWinAnsi(s);
        expect([...text].every(isWinAnsi)).toBe(true);
        expect(toWinAnsi(s)).toEqual(toWinAnsi(s));
      }),
    );
  });
});

describe("compareWithManifest", () => {
  const hash = (c: string) => c.repeat(64);
  it("names changed, missing and extra files", () => {
    const manifest = {
      files: [
        { path: "a.json", sha256: hash("a"), size: 1 },
        { path: "b.png", sha256: hash("b"), size: 2 },
        { path: "c.pdf", sha256: hash("c"), size: 3 },
      ],
    };
    const found = new Map([
      ["a.json", { sha256: hash("a"), size: 1 }],
      ["b.png", { sha256: hash("d"), size: 2 }],
      ["manifest.json", { sha256: hash("e"), size: 9 }],
      ["x.txt", { sha256: hash("f"), size: 1 }],
    ]);
    expect(compareWithManifest(manifest, found)).toEqual({
      changed: ["b.png"],
      missing: ["c.pdf"],
      extra: ["x.txt"],
    });
  });
});

describe("formatInstant", () => {
  it("writes UTC and German winter and summer time", async () => {
    const { formatInstant } = await import("./instant.ts");
    expect(formatInstant(new Date("2026-11-25T08:30:00Z"))).toBe(
      "2026-11-25 08:30:00 UTC (25.11.2026, 09:30:00 MEZ, Europe/Berlin)",
    );
    expect(formatInstant(new Date("2026-07-25T08:30:00Z"))).toBe(
      "2026-07-25 08:30:00 UTC (25.07.2026, 10:30:00 MESZ, Europe/Berlin)",
    );
  });
});
