import { describe, expect, it } from "vitest";
import { Role } from "../../../src/orgs/orgs.schema.ts";
import { canEditStakeholders } from "./stakeholderPermissions.ts";

describe("who may edit the stakeholder map", () => {
  const expected: Record<Role, boolean> = {
    admin: true,
    manager: true,
    agent: false,
    trainer: false,
    trainee: false,
    viewer: false,
  };

  it.each(Role.options)("%s", (role) => {
    expect(canEditStakeholders(role)).toBe(expected[role]);
  });
});
