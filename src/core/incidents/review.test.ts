import { describe, expect, it } from "vitest";
import { draftReview, formatDuration, type ReviewInput } from "./review.ts";

const input: ReviewInput = {
  title: "Netzausfall Nord",
  severity: "sev2",
  openedAt: new Date("2026-03-01T09:10:00Z"),
  closedAt: new Date("2026-03-02T11:40:00Z"),
  firstSignalAt: new Date("2026-03-01T09:00:00Z"),
  events: [
    {
      kind: "reply_sent",
      at: new Date("2026-03-01T09:55:00Z"),
      title: { de: "Antwort gesendet", en: "Reply sent" },
    },
    {
      kind: "opened",
      at: new Date("2026-03-01T09:10:00Z"),
      title: { de: "Vorfall eröffnet", en: "Incident opened" },
    },
    { kind: "task_checked", at: new Date("2026-03-01T10:00:00Z"), title: { de: "abgehakt", en: "ticked" } },
  ],
  tasks: [
    {
      title: "a",
      status: "done",
      dueAt: new Date("2026-03-01T10:00:00Z"),
      doneAt: new Date("2026-03-01T09:30:00Z"),
    },
    {
      title: "b",
      status: "done",
      dueAt: new Date("2026-03-01T10:00:00Z"),
      doneAt: new Date("2026-03-01T12:00:00Z"),
    },
    { title: "c", status: "open", dueAt: new Date("2026-03-01T11:00:00Z"), doneAt: null },
  ],
};

describe("draftReview", () => {
  it("lists key events in time order with absolute times and leaves out routine ones", () => {
    const text = draftReview(input, "en");
    const opened = text.indexOf("2026-03-01 09:10 UTC – Incident opened");
    const reply = text.indexOf("2026-03-01 09:55 UTC – Reply sent");
    expect(opened).toBeGreaterThan(0);
    expect(reply).toBeGreaterThan(opened);
    expect(text).not.toContain("ticked");
  });

  it("computes the response figures", () => {
    const text = draftReview(input, "en");
    expect(text).toContain("From the first signal to opening: 10 min");
    expect(text).toContain("From opening to the first reply: 45 min");
    expect(text).toContain("Tasks done: 2 / 3");
    expect(text).toContain("Tasks done late or left open past due: 2");
    expect(text).toContain("duration 1 d 2 h");
  });

  it("writes German with the same headings and prompts", () => {
    const text = draftReview(input, "de");
    for (const heading of [
      "## Zusammenfassung",
      "## Zeitlinie",
      "## Kennzahlen",
      "## Was gut lief",
      "## Was wir verbessern",
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("Vorfall eröffnet");
  });

  it("shows a dash when there was no reply", () => {
    expect(draftReview({ ...input, events: [] }, "en")).toContain("From opening to the first reply: –");
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 min"],
    [59 * 60_000, "59 min"],
    [61 * 60_000, "1 h 1 min"],
    [26 * 3_600_000, "1 d 2 h"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatDuration(ms, "en")).toBe(text);
  });
});
