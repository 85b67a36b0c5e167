// The post-incident review (Nachbetrachtung) drafted when an incident closes; people edit it afterwards.

/** What the review is drafted from. */
export interface ReviewInput {
  title: string;
  severity: string;
  openedAt: Date;
  closedAt: Date;
  /** The earliest signal: the first attached post or the alert the incident came from. */
  firstSignalAt: Date | null;
  events: readonly { kind: string; at: Date; title: { de: string; en: string } }[];
  tasks: readonly { title: string; status: "open" | "done"; dueAt: Date | null; doneAt: Date | null }[];
}

// Events worth a line in the review; routine ones (checklist ticks) stay in the timeline.
const keyKinds = new Set([
  "opened",
  "alert",
  "level_change",
  "reply_sent",
  "approval",
  "evidence_captured",
  "status_change",
  "status_update",
  "playbook_run",
  "clock_started",
  "clock_met",
  "clock_expired",
  "note",
  "role_assigned",
]);

/** A duration in words: "2 h 5 min", "3 d 4 h". */
export function formatDuration(ms: number, lang: "de" | "en"): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const d = lang === "de" ? "T" : "d";
  if (days > 0) return `${days} ${d} ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}

/** An absolute UTC time, unambiguous in any reader's time zone. */
const abs = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Drafts the review as Markdown in the incident's language: summary, key events with absolute times, figures, prompts. */
export function draftReview(input: ReviewInput, lang: "de" | "en"): string {
  const de = lang === "de";
  const events = [...input.events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const firstReply = events.find((e) => e.kind === "reply_sent");
  const done = input.tasks.filter((t) => t.status === "done");
  const late = input.tasks.filter(
    (t) => t.dueAt && (t.doneAt ?? input.closedAt).getTime() > t.dueAt.getTime(),
  );
  const none = de ? "–" : "–";
  const lines = [
    `# ${de ? "Nachbetrachtung" : "Post-incident review"}: ${input.title}`,
    "",
    `## ${de ? "Zusammenfassung" : "Summary"}`,
    de
      ? `Vorfall „${input.title}“ (${input.severity.toUpperCase()}), eröffnet ${abs(input.openedAt)}, abgeschlossen ${abs(input.closedAt)} – Dauer ${formatDuration(input.closedAt.getTime() - input.openedAt.getTime(), lang)}.`
      : `Incident “${input.title}” (${input.severity.toUpperCase()}), opened ${abs(input.openedAt)}, closed ${abs(input.closedAt)} – duration ${formatDuration(input.closedAt.getTime() - input.openedAt.getTime(), lang)}.`,
    "",
    `## ${de ? "Zeitlinie" : "Timeline"}`,
    ...events.filter((e) => keyKinds.has(e.kind)).map((e) => `- ${abs(e.at)} – ${e.title[lang]}`),
    "",
    `## ${de ? "Kennzahlen" : "Figures"}`,
    `- ${de ? "Vom ersten Signal bis zur Eröffnung" : "From the first signal to opening"}: ${
      input.firstSignalAt
        ? formatDuration(input.openedAt.getTime() - input.firstSignalAt.getTime(), lang)
        : none
    }`,
    `- ${de ? "Von der Eröffnung bis zur ersten Antwort" : "From opening to the first reply"}: ${
      firstReply ? formatDuration(firstReply.at.getTime() - input.openedAt.getTime(), lang) : none
    }`,
    `- ${de ? "Aufgaben erledigt" : "Tasks done"}: ${done.length} / ${input.tasks.length}`,
    `- ${de ? "Aufgaben nach Fälligkeit erledigt oder offen" : "Tasks done late or left open past due"}: ${late.length}`,
    "",
    `## ${de ? "Was gut lief" : "What went well"}`,
    de
      ? "_Was hat geholfen? Welche Schritte des Playbooks haben funktioniert?_"
      : "_What helped? Which playbook steps worked?_",
    "",
    `## ${de ? "Was wir verbessern" : "What to improve"}`,
    de
      ? "_Wo haben wir Zeit verloren? Was fehlte (Rollen, Vorlagen, Zugänge)? Wer ändert was bis wann?_"
      : "_Where did we lose time? What was missing (roles, templates, access)? Who changes what by when?_",
  ];
  return lines.join("\n");
}
