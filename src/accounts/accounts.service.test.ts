import { describe, expect, it } from "vitest";
import { accountKey, imitatedNames } from "./accounts.service.ts";

describe("accountKey", () => {
  it("names a registry entry by platform and handle, as the registry compares them", () => {
    expect(accountKey("X", "@NordwindMobil")).toBe("x:nordwindmobil");
    expect(accountKey(undefined, "nordwind_hilfe")).toBe("*:nordwind_hilfe");
    expect(accountKey(null, "nordwind_hilfe")).toBe(accountKey("", "Nordwind_Hilfe"));
  });
});

describe("imitatedNames", () => {
  it("takes what the impersonation findings name, once each, and ignores other details", () => {
    expect(
      imitatedNames([
        'handle "nordwind_hiIfe" imitates @nordwind_hilfe',
        'display name "Anke Petersen" imitates Anke Petersen',
        'handle "nordwind_hiIfe2" imitates @nordwind_hilfe',
        'display name "Nordwind Fanclub" contains Nordwind',
        "claims to be the company's support",
      ]),
    ).toEqual(["@nordwind_hilfe", "Anke Petersen", "Nordwind"]);
    expect(imitatedNames([])).toEqual([]);
  });
});
