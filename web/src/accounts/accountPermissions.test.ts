import { describe, expect, it } from "vitest";
import { Role } from "../../../src/orgs/orgs.schema.ts";
import { canEditAccountSecurity, canStartLockdown } from "./accountPermissions.ts";

describe("who may record an account's security", () => {
  const expected: Record<Role, boolean> = {
    admin: true,
    manager: true,
    agent: false,
    trainer: false,
    trainee: false,
    viewer: false,
  };

  it.each(Role.options)("%s", (role) => {
    expect(canEditAccountSecurity(role)).toBe(expected[role]);
  });
});

describe("who may start the lockdown of an account", () => {
  const expected: Record<Role, boolean> = {
    admin: true,
    manager: true,
    agent: true,
    trainer: false,
    trainee: false,
    viewer: false,
  };

  it.each(Role.options)("%s", (role) => {
    expect(canStartLockdown(role)).toBe(expected[role]);
  });
});
