// Legal clocks (Fristen) an incident may have to meet. Sources:
// - § 77b StGB: a criminal complaint (Strafantrag) for insult/defamation (§§ 185–187 StGB, which § 194 makes
//   complaint offences) must be filed within three months from the day the entitled person learns of act and offender.
// - GDPR Art. 33(1): notify the supervisory authority of a personal-data breach without undue delay and, where
//   feasible, within 72 hours of becoming aware of it; Art. 33(4) allows the information in phases.
// - NIS2 Art. 23(4): early warning within 24 hours, incident notification within 72 hours of becoming aware of a
//   significant incident, final report within one month after the notification.

/** The kinds of legal clock an incident can run. */
export const clockKinds = [
  "stgb_77b",
  "gdpr_33",
  "nis2_early_warning",
  "nis2_notification",
  "nis2_final_report",
] as const;
export type ClockKind = (typeof clockKinds)[number];

/** When a reminder goes out: at a quarter of the time left, 24 hours and 1 hour before the end, and at the end. */
export const clockThresholds = ["quarter_left", "24h_left", "1h_left", "expired"] as const;
export type ClockThreshold = (typeof clockThresholds)[number];

const hourMs = 3_600_000;

/** Adds calendar months; a day missing in the target month falls back to its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/**
 * When a clock started at `startedAt` (the moment of knowledge or awareness) runs out. Calendar months keep the
 * time of day, which ends the § 77b period a little before midnight of its last day — on the safe side.
 * The NIS2 final report is due one month after the 72-hour notification.
 */
export function clockDueAt(kind: ClockKind, startedAt: Date): Date {
  const t = startedAt.getTime();
  switch (kind) {
    case "stgb_77b":
      return addMonths(startedAt, 3);
    case "gdpr_33":
    case "nis2_notification":
      return new Date(t + 72 * hourMs);
    case "nis2_early_warning":
      return new Date(t + 24 * hourMs);
    case "nis2_final_report":
      return addMonths(new Date(t + 72 * hourMs), 1);
  }
}

/** The moment each reminder of a clock is due, earliest first; reminders that would fall on or before the start are left out. */
export function reminderTimes(startedAt: Date, dueAt: Date): { threshold: ClockThreshold; at: Date }[] {
  const start = startedAt.getTime();
  const due = dueAt.getTime();
  const all: { threshold: ClockThreshold; at: number }[] = [
    { threshold: "quarter_left", at: due - (due - start) / 4 },
    { threshold: "24h_left", at: due - 24 * hourMs },
    { threshold: "1h_left", at: due - hourMs },
    { threshold: "expired", at: due },
  ];
  return all
    .filter((r) => r.at > start || r.threshold === "expired")
    .sort((a, b) => a.at - b.at)
    .map((r) => ({ threshold: r.threshold, at: new Date(r.at) }));
}

/**
 * Which reminder to send now: the most urgent one that has come due and was not sent; every earlier one due is
 * marked sent with it, so a clock that was checked late alerts once, not three times.
 */
export function dueReminder(
  clock: { startedAt: Date; dueAt: Date; sent: readonly string[] },
  now: Date,
): { send: ClockThreshold; markSent: ClockThreshold[] } | null {
  const due = reminderTimes(clock.startedAt, clock.dueAt).filter(
    (r) => r.at.getTime() <= now.getTime() && !clock.sent.includes(r.threshold),
  );
  const last = due.at(-1);
  if (!last) return null;
  return { send: last.threshold, markSent: due.map((r) => r.threshold) };
}

/** The legal basis of each clock, for texts and alerts. */
export const clockLabels: Record<ClockKind, { de: string; en: string }> = {
  stgb_77b: {
    de: "Strafantrag (§ 77b StGB, 3 Monate ab Kenntnis von Tat und Täter)",
    en: "Criminal complaint (§ 77b StGB, 3 months from knowing act and offender)",
  },
  gdpr_33: {
    de: "Meldung an die Aufsichtsbehörde (Art. 33 DSGVO, 72 Stunden)",
    en: "Notice to the supervisory authority (GDPR Art. 33, 72 hours)",
  },
  nis2_early_warning: {
    de: "NIS2-Frühwarnung (Art. 23 Abs. 4 lit. a, 24 Stunden)",
    en: "NIS2 early warning (Art. 23(4)(a), 24 hours)",
  },
  nis2_notification: {
    de: "NIS2-Meldung (Art. 23 Abs. 4 lit. b, 72 Stunden)",
    en: "NIS2 incident notification (Art. 23(4)(b), 72 hours)",
  },
  nis2_final_report: {
    de: "NIS2-Abschlussbericht (Art. 23 Abs. 4 lit. d, 1 Monat nach der Meldung)",
    en: "NIS2 final report (Art. 23(4)(d), one month after the notification)",
  },
};

/** Whether a clock applies to NIS2 (only where the organisation is in scope). */
export const isNis2Clock = (kind: ClockKind) => kind.startsWith("nis2_");
