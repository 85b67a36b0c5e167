import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safeRedirect.ts";

describe("safeRedirect", () => {
  it.each([
    ["/mentions?topicId=t1&range=1h", "/mentions?topicId=t1&range=1h"],
    ["/settings?tab=users", "/settings?tab=users"],
    [undefined, "/overview"],
    ["", "/overview"],
    ["https://evil.example/", "/overview"],
    ["//evil.example/", "/overview"],
    ["/\\evil.example", "/overview"],
    ["/login", "/overview"],
    ["/api/auth/logout", "/overview"],
  ])("sends %j to %j", (target, expected) => {
    expect(safeRedirect(target)).toBe(expected);
  });
});
