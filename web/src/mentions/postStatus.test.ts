import { describe, expect, it } from "vitest";
import { hasEarlierVersions, postStatusMarks } from "./postStatus.ts";

describe("postStatusMarks", () => {
  it.each([
    ["an untouched post", { deletedAt: null, editedAt: null }, []],
    [
      "an edited post",
      { deletedAt: null, editedAt: "2026-11-25T11:00:00.000Z" },
      [{ kind: "edited", at: "2026-11-25T11:00:00.000Z" }],
    ],
    [
      "a deleted post",
      { deletedAt: "2026-11-25T12:00:00.000Z", editedAt: null },
      [{ kind: "deleted", at: "2026-11-25T12:00:00.000Z" }],
    ],
    [
      "a post edited and then deleted, the deletion first",
      { deletedAt: "2026-11-25T12:00:00.000Z", editedAt: "2026-11-25T11:00:00.000Z" },
      [
        { kind: "deleted", at: "2026-11-25T12:00:00.000Z" },
        { kind: "edited", at: "2026-11-25T11:00:00.000Z" },
      ],
    ],
  ] as const)("marks %s", (_, post, marks) => {
    expect(postStatusMarks(post)).toEqual(marks);
  });
});

describe("hasEarlierVersions", () => {
  it("offers earlier versions only for an edited post", () => {
    expect(hasEarlierVersions({ editedAt: "2026-11-25T11:00:00.000Z" })).toBe(true);
    expect(hasEarlierVersions({ editedAt: null })).toBe(false);
  });
});
