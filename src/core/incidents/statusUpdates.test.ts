import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillTemplate, statusTemplates } from "./statusUpdates.ts";

const values = {
  incident: "Netzausfall",
  severity: "SEV2",
  status: "active",
  lead: "Lena Hoffmann",
  next_update: "14:00",
};

describe("fillTemplate", () => {
  it("fills every variable of every built-in template in both languages", () => {
    for (const template of Object.values(statusTemplates)) {
      for (const lang of ["de", "en"] as const) {
        const text = fillTemplate(template.text[lang], values);
        expect(text).not.toMatch(/\{[a-z_]+\}/);
        expect(text).toContain("Netzausfall");
      }
    }
  });

  it("keeps unknown placeholders as written", () => {
    expect(fillTemplate("{incident} {nope}", values)).toBe("Netzausfall {nope}");
  });

  it("does not expand placeholders inside the values", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(fillTemplate("{incident}|{lead}", { ...values, incident: s, lead: "{incident}" })).toBe(
          `${s}|{incident}`,
        );
      }),
    );
  });
});
