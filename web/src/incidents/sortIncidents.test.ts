import { describe, expect, it } from "vitest";
import type { IncidentRead } from "../../../src/incidents/incidents.schema.ts";
import { sortIncidents } from "./sortIncidents.ts";

function incident(
  id: string,
  status: IncidentRead["status"],
  severity: IncidentRead["severity"],
  createdAt: string,
) {
  const base = {
    title: id,
    description: null,
    topicId: null,
    source: { kind: "manual" as const, id: null },
    lang: "de" as const,
    leadUserId: null,
    closedAt: null,
    review: null,
    createdBy: null,
    updatedAt: createdAt,
  };
  return { ...base, id, status, severity, createdAt } satisfies IncidentRead;
}

describe("sortIncidents", () => {
  it("lists active incidents first, worst severity first, newest first within a severity", () => {
    const items = [
      incident("closed-sev1", "closed", "sev1", "2025-11-25T10:00:00Z"),
      incident("active-sev3", "active", "sev3", "2025-11-25T09:00:00Z"),
      incident("stable-sev2", "stable", "sev2", "2025-11-25T08:00:00Z"),
      incident("active-sev1-old", "active", "sev1", "2025-11-24T08:00:00Z"),
      incident("active-sev1-new", "active", "sev1", "2025-11-25T08:00:00Z"),
    ];
    expect(sortIncidents(items).map((i) => i.id)).toEqual([
      "active-sev1-new",
      "active-sev1-old",
      "active-sev3",
      "stable-sev2",
      "closed-sev1",
    ]);
  });

  it("does not change the list it is given", () => {
    const items = [incident("b", "closed", "sev4", "x"), incident("a", "active", "sev4", "x")];
    sortIncidents(items);
    expect(items.map((i) => i.id)).toEqual(["b", "a"]);
  });
});
