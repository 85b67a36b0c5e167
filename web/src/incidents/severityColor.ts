import type { Severity } from "../../../src/incidents/incidents.schema.ts";

/** Background and text pairs chosen for at least 4.5:1 contrast (WCAG AA); Mantine's orange/yellow fail with white. */
export const severityColor: Record<Severity, { bg: string; fg: string }> = {
  sev1: { bg: "red.9", fg: "white" },
  sev2: { bg: "#b33c00", fg: "white" },
  sev3: { bg: "yellow.5", fg: "black" },
  sev4: { bg: "gray.7", fg: "white" },
};
