import { describe, expect, it } from "vitest";
import { Role } from "../../../src/orgs/orgs.schema.ts";
import { canEditAlertChannels, canEditAlertRules, canHandleAlerts } from "./alertPermissions.ts";

describe("who sees which alert controls", () => {
  it.each(Role.options)("%s", (role) => {
    const allowed = [canHandleAlerts(role), canEditAlertRules(role), canEditAlertChannels(role)];
    const expected: Record<Role, boolean[]> = {
      admin: [true, true, true],
      manager: [true, true, false],
      agent: [true, false, false],
      trainer: [false, false, false],
      trainee: [false, false, false],
      viewer: [false, false, false],
    };
    expect(allowed).toEqual(expected[role]);
  });
});
