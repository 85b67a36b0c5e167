import { describe, expect, it } from "vitest";
import { canManageInbox, canWorkInbox } from "./inboxPermissions.ts";

describe("inbox permissions", () => {
  it.each([
    ["admin", true, true],
    ["manager", true, true],
    ["agent", true, false],
    ["trainer", false, false],
    ["trainee", false, false],
    ["viewer", false, false],
  ] as const)("%s: work %s, manage %s", (role, work, manage) => {
    expect(canWorkInbox(role)).toBe(work);
    expect(canManageInbox(role)).toBe(manage);
  });
});
