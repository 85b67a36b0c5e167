import { describe, expect, it } from "vitest";
import { contextFor, nordwind, reasons, spanTexts } from "./detectors.fixture.ts";
import { detectImpersonation } from "./impersonation.ts";

const post = "Hallo, wie kann ich helfen?";

describe("detectImpersonation", () => {
  it.each([
    [{ handle: "nordwind_support", platform: "x" }, "impersonation.added_word"],
    [{ handle: "NordwindMobil_DE", platform: "x" }, "impersonation.added_word"],
    [{ handle: "nordwind_mobil_hilfe", platform: "x" }, "impersonation.added_word"],
    [{ handle: "official_nordwind", platform: "x" }, "impersonation.added_word"],
    [{ handle: "n0rdwind_mobil", platform: "x" }, "impersonation.handle_lookalike"],
    [{ handle: "nordwlnd_mobil", platform: "x" }, "impersonation.handle_lookalike"],
    [{ handle: "nordwind_mobll", platform: "x" }, "impersonation.handle_lookalike"],
    [{ handle: "nordwind_mobil", platform: "instagram" }, "impersonation.handle_lookalike"],
    [{ handle: "nordvind_mobil", platform: "x" }, "impersonation.name_lookalike"],
    [{ handle: "max123", displayName: "Nordwind Mobil", platform: "x" }, "impersonation.display_name_copy"],
    [{ handle: "max123", displayName: "Nоrdwіnd Mоbіl", platform: "x" }, "impersonation.display_name_copy"],
    [
      { handle: "max123", displayName: "Ｎｏｒｄｗｉｎｄ Ｓｅｒｖｉｃｅ", platform: "x" },
      "impersonation.added_word",
    ],
    [{ handle: "anna_berg_ceo", displayName: "Dr. Anna Berg", platform: "x" }, "impersonation.executive"],
  ])("flags the author %j", (author, reason) => {
    const result = detectImpersonation(post, contextFor({ author }));
    expect(reasons(result)).toContain(reason);
    expect(result.flagged).toBe(true);
  });

  it("names the official account a handle imitates with one word added, not just the brand left when more go", () => {
    // "hilfe" and "support" are both affix words: stripped fully, only the brand "nordwind" would remain.
    const org = {
      ...nordwind,
      officialAccounts: [...nordwind.officialAccounts, { handle: "nordwind_hilfe" }],
    };
    const result = detectImpersonation(post, {
      ...contextFor({ author: { handle: "nordwind_hilfe_support" } }),
      org,
    });
    expect(result.spans.map((s) => s.detail)).toContain(
      'handle "nordwind_hilfe_support" imitates @nordwind_hilfe',
    );
    // Without the brand among the names, the added word alone now catches it.
    const noBrand = { ...org, brandNames: [] };
    const alone = detectImpersonation(post, {
      ...contextFor({ author: { handle: "nordwind_hilfe_support" } }),
      org: noBrand,
    });
    expect(reasons(alone)).toEqual(["impersonation.added_word"]);
    expect(alone.flagged).toBe(true);
  });

  it.each([
    [{ handle: "nordwind_mobil", platform: "x", displayName: "Nordwind Mobil" }],
    [{ handle: "Nordwind_Mobil", platform: "x" }],
    [{ handle: "nordwind", platform: "mastodon" }],
    [{ handle: "nordwind_mobil" }],
  ])("never flags the official account %j", (author) => {
    const text = "Ich bin vom Nordwind Support, schreib uns per DM";
    expect(detectImpersonation(text, contextFor({ author })).spans).toEqual([]);
  });

  it.each([
    [{ handle: "maxmueller", displayName: "Max Müller" }],
    [{ handle: "nordic_wind_fan", displayName: "Wind & Wetter" }],
    [{ handle: "sued_wind" }],
  ])("does not flag the ordinary author %j", (author) => {
    expect(detectImpersonation(post, contextFor({ author })).flagged).toBe(false);
  });

  it("flags a post that claims to be the company's support and asks for data", () => {
    const text = "Ich bin vom Nordwind Support, schick mir deine Kundennummer und dein Passwort per DM";
    const result = detectImpersonation(text, contextFor({ author: { handle: "helper_4711" } }));
    expect(spanTexts(text, result)).toEqual([
      "impersonation.claims_official: Ich bin vom Nordwind Support",
      "impersonation.requests_private_contact: schick mir deine Kundennummer",
    ]);
    expect(result.score).toBeGreaterThan(0.8);
  });

  it.each([
    ["Hi, I'm from the Nordwind customer service team, please DM me your account details"],
    ["Hier schreibt der Kundenservice: melde dich per WhatsApp"],
  ])("flags the support claim %j", (text) => {
    expect(detectImpersonation(text, contextFor({ author: { handle: "someone" } })).flagged).toBe(true);
  });

  it.each([
    ["Wir sind genervt vom Support"],
    ["This is the worst support ever"],
    ["Der Kundenservice ist super"],
  ])("does not read the complaint %j as a claim", (text) => {
    expect(detectImpersonation(text, contextFor({ author: { handle: "someone" } })).flagged).toBe(false);
  });

  it("skips the org's own outgoing posts", () => {
    const ctx = contextFor({ direction: "outgoing", author: { handle: "nordwind_support" } });
    expect(detectImpersonation(post, ctx).spans).toEqual([]);
  });
});
