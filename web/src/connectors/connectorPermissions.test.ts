import { describe, expect, it } from "vitest";
import { Role } from "../../../src/orgs/orgs.schema.ts";
import { canManageConnectors } from "./connectorPermissions.ts";

describe("who manages connectors", () => {
  it.each(Role.options)("%s", (role) => {
    const expected: Record<Role, boolean> = {
      admin: true,
      manager: false,
      agent: false,
      trainer: false,
      trainee: false,
      viewer: false,
    };
    expect(canManageConnectors(role)).toBe(expected[role]);
  });
});
