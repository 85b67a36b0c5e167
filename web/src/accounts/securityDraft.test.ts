import { describe, expect, it } from "vitest";
import { AccountSecurityWrite } from "../../../src/accounts/accounts.schema.ts";
import { buildOfficialAccount } from "./accountFixtures.ts";
import { draftOf, fieldMessage, hasUnshownProblem, securityWrite } from "./securityDraft.ts";

describe("the security form", () => {
  it("starts empty with an unknown sign-in method when nothing is recorded", () => {
    expect(draftOf(null)).toEqual({
      owner: "",
      posters: [],
      twoFactor: "unknown",
      recoveryContact: "",
      recoveryVerifiedOn: "",
      accessReviewedOn: "",
      connectedApps: [],
      note: "",
    });
  });

  it("writes back what was recorded unchanged, and the server's schema accepts it", () => {
    const account = buildOfficialAccount({ platform: "mastodon", handle: "nordwind_hilfe" });
    const write = securityWrite(account, draftOf(account.security));
    expect(write).toMatchObject({
      platform: "mastodon",
      handle: "nordwind_hilfe",
      owner: "Katharina Brandt",
      twoFactor: "security_key",
      recoveryVerifiedOn: "2026-03-02",
    });
    expect(AccountSecurityWrite.parse(write)).toEqual(write);
  });

  it("leaves the platform out for an entry of every platform, and turns empty fields into null", () => {
    const write = securityWrite(buildOfficialAccount({ platform: null, handle: "nordwind_karriere" }), {
      owner: "  ",
      posters: ["Jens", " ", "Jens ", "Lea"],
      twoFactor: "app",
      recoveryContact: "",
      recoveryVerifiedOn: "",
      accessReviewedOn: "2026-04-15",
      connectedApps: [],
      note: " \n ",
    });
    expect(write).toEqual({
      handle: "nordwind_karriere",
      owner: null,
      posters: ["Jens", "Lea"],
      twoFactor: "app",
      recoveryContact: null,
      recoveryVerifiedOn: null,
      accessReviewedOn: "2026-04-15",
      connectedApps: [],
      note: null,
    });
    expect("platform" in write).toBe(false);
  });

  it("finds the server's message for a field and for one entry of a list", () => {
    const errors = [
      { field: "recoveryVerifiedOn", message: "a date like 2026-11-30" },
      { field: "posters.1", message: "too long" },
    ];
    expect(fieldMessage(errors, "recoveryVerifiedOn")).toBe("a date like 2026-11-30");
    expect(fieldMessage(errors, "posters")).toBe("too long");
    expect(fieldMessage(errors, "owner")).toBeUndefined();
    expect(fieldMessage(undefined, "owner")).toBeUndefined();
  });

  it("says when the server named a field the form does not show", () => {
    expect(hasUnshownProblem([{ field: "posters.0", message: "x" }], ["posters"])).toBe(false);
    expect(hasUnshownProblem([{ field: "handle", message: "x" }], ["posters"])).toBe(true);
    expect(hasUnshownProblem(undefined, ["posters"])).toBe(false);
  });
});
