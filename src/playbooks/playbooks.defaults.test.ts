import { describe, expect, it } from "vitest";
import { defaultPlaybooks } from "./playbooks.defaults.ts";
import { PlaybookRisk, PlaybookStep } from "./playbooks.schema.ts";

const stepsOf = (key: string) => defaultPlaybooks.find((p) => p.key === key)?.steps ?? [];
const allText = (key: string, lang: "de" | "en") =>
  stepsOf(key)
    .flatMap((s) => [
      s.title[lang],
      ...s.checklist.map((c) => c[lang]),
      s.evidence?.[lang] ?? "",
      s.notice?.law ?? "",
    ])
    .join("\n");

describe("default playbooks", () => {
  it("cover each of the nine risks once", () => {
    expect(defaultPlaybooks.map((p) => p.risk).sort()).toEqual([...PlaybookRisk.options].sort());
    expect(new Set(defaultPlaybooks.map((p) => p.key)).size).toBe(9);
  });

  it("validate, with every text in German and English", () => {
    for (const playbook of defaultPlaybooks) {
      expect(playbook.title.de.trim() && playbook.title.en.trim()).toBeTruthy();
      for (const step of playbook.steps) {
        const parsed = PlaybookStep.safeParse(step);
        expect(parsed.success, `${playbook.key}: ${step.title.en}`).toBe(true);
      }
    }
  });

  it("secure evidence before any removal request, the way the police advise", () => {
    for (const key of [
      "insult_defamation",
      "shitstorm",
      "impersonation",
      "threat_of_violence",
      "data_leak",
    ]) {
      const steps = stepsOf(key);
      const evidence = steps.findIndex((s) => s.evidence);
      const notice = steps.findIndex((s) => s.notice);
      expect(evidence, key).toBeGreaterThanOrEqual(0);
      if (notice >= 0)
        expect(steps[evidence]?.offsetMinutes ?? 0).toBeLessThan(steps[notice]?.offsetMinutes ?? 0);
    }
    const advice = allText("insult_defamation", "de");
    for (const part of ["Datum und Uhrzeit", "URL des Beitrags", "URL des Profils", "Zusammenhang", "PDF"]) {
      expect(advice).toContain(part);
    }
  });

  it("carry the legal hooks", () => {
    expect(allText("insult_defamation", "de")).toMatch(/§ 77b StGB/);
    expect(stepsOf("insult_defamation").some((s) => s.clock === "stgb_77b")).toBe(true);
    expect(
      stepsOf("data_leak")
        .map((s) => s.clock)
        .filter(Boolean),
    ).toEqual(["gdpr_33", "nis2_early_warning", "nis2_notification"]);
    const gdpr = allText("data_leak", "en");
    for (const point of ["(a)", "(b)", "(c)", "(d)", "Art. 33(4)"]) expect(gdpr).toContain(point);
    expect(allText("impersonation", "de")).toContain("§ 12 BGB");
    expect(allText("threat_of_violence", "de")).toMatch(/110/);
    expect(allText("threat_of_violence", "de")).toContain("§ 241 StGB");
    expect(allText("hacked_account", "en")).toMatch(/revoke app tokens/i);
    expect(allText("hacked_account", "en")).toMatch(/Warn followers/);
  });
});
