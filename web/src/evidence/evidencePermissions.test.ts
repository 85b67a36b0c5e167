import { describe, expect, it } from "vitest";
import {
  canCaptureEvidence,
  canEditEvidenceSettings,
  canExportEvidence,
  canHoldEvidence,
} from "./evidencePermissions.ts";

describe("evidence permissions in the UI", () => {
  it.each([
    ["viewer", false, false, false, false],
    ["trainee", false, false, false, false],
    ["agent", true, false, false, false],
    ["manager", true, true, true, false],
    ["admin", true, true, true, true],
  ] as const)(
    "%s: capture %s, hold %s, export %s, settings %s",
    (role, capture, hold, exportBundle, settings) => {
      expect(canCaptureEvidence(role)).toBe(capture);
      expect(canHoldEvidence(role)).toBe(hold);
      expect(canExportEvidence(role)).toBe(exportBundle);
      expect(canEditEvidenceSettings(role)).toBe(settings);
    },
  );
});
