import { describe, expect, it } from "vitest";
import { defaultPlaybooks } from "../../../src/playbooks/playbooks.defaults.ts";
import { fromStepForm, toStepForm } from "./stepForm.ts";

describe("the playbook step editor", () => {
  it("gives back every default step unchanged", () => {
    for (const playbook of defaultPlaybooks) {
      for (const step of playbook.steps) expect(fromStepForm(toStepForm(step))).toEqual(step);
    }
  });

  it("pairs checklist lines by position and leaves a missing translation empty", () => {
    const form = toStepForm({
      title: { de: "Prüfen", en: "Check" },
      role: "legal",
      offsetMinutes: 30,
      checklist: [],
      replyTemplates: [],
    });
    const step = fromStepForm({ ...form, checklistDe: "Eins\n\nZwei\n", checklistEn: "One" });
    expect(step.checklist).toEqual([
      { de: "Eins", en: "One" },
      { de: "Zwei", en: "" },
    ]);
  });
});
