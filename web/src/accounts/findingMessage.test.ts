import { describe, expect, it } from "vitest";
import type { PostureFindingRead } from "../../../src/accounts/accounts.schema.ts";
import { en } from "../i18n/en.ts";
import { findingMessage } from "./findingMessage.ts";

describe("findingMessage", () => {
  it.each<[PostureFindingRead, ReturnType<typeof findingMessage>]>([
    [
      { code: "two_factor_sms", severity: "medium" },
      { key: "accounts.findings.two_factor_sms", values: {} },
    ],
    [
      { code: "recovery_stale", severity: "medium", days: 240 },
      { key: "accounts.findings.recovery_stale", values: { days: 240, limit: 180 } },
    ],
    [
      { code: "access_review_due", severity: "low", days: 91 },
      { key: "accounts.findings.access_review_due", values: { days: 91, limit: 90 } },
    ],
    [
      { code: "many_posters", severity: "low" },
      { key: "accounts.findings.many_posters", values: { limit: 5 } },
    ],
  ])("%j", (finding, expected) => {
    expect(findingMessage(finding)).toEqual(expected);
  });

  it("has an English sentence for every code, naming the days and limit it is given", () => {
    for (const [code, sentence] of Object.entries(en.accounts.findings)) {
      const { values } = findingMessage({
        code: code as PostureFindingRead["code"],
        severity: "low",
        days: 1,
      });
      for (const name of ["days", "limit"] as const) {
        if (sentence.includes(`{{${name}}}`)) expect(values[name], `${code} needs ${name}`).toBeDefined();
      }
    }
  });
});
