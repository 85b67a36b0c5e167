// Notices to a hosting platform under the Digital Services Act (Regulation (EU) 2022/2065), Art. 16(2):
// (a) a sufficiently substantiated explanation why the content is illegal, (b) the exact electronic location (URL),
// (c) the notifier's name and e-mail address, (d) a statement of good faith that the notice is accurate and complete.

/** Where a notice stands: drafted, sent to the platform, receipt confirmed (Art. 16(4)), decided (Art. 16(5), 17), contested (Art. 20, 21 or court). */
export const noticeStates = ["draft", "submitted", "confirmed", "decided", "redress"] as const;
export type NoticeState = (typeof noticeStates)[number];

const next: Record<NoticeState, readonly NoticeState[]> = {
  draft: ["submitted"],
  // A platform may decide without confirming receipt first.
  submitted: ["confirmed", "decided"],
  confirmed: ["decided"],
  decided: ["redress"],
  redress: [],
};

/** Whether a notice may move from one state to another. */
export function canMoveNotice(from: NoticeState, to: NoticeState): boolean {
  return next[from].includes(to);
}

/** The states a notice may move to next. */
export const nextNoticeStates = (from: NoticeState): readonly NoticeState[] => next[from];

/** What a notice says, as its builder collected it. */
export interface NoticeContent {
  platform: string;
  urls: readonly string[];
  /** Why the content is illegal, in the notifier's words. */
  reasons: string;
  /** The provisions it breaks, e.g. "§ 186 StGB (üble Nachrede)". */
  law: string;
  notifierName: string;
  notifierEmail: string;
  goodFaith: boolean;
}

/** The text of a notice under DSA Art. 16(2), ready to paste into the platform's form or send by e-mail. */
export function noticeText(n: NoticeContent, lang: "de" | "en"): string {
  const urls = n.urls.map((u) => `- ${u}`).join("\n");
  if (lang === "de") {
    return [
      `Meldung rechtswidriger Inhalte nach Art. 16 Digital Services Act (Verordnung (EU) 2022/2065) an ${n.platform}`,
      "",
      "1. Begründung, warum die Inhalte rechtswidrig sind (Art. 16 Abs. 2 lit. a DSA):",
      n.reasons,
      `Verletzte Vorschriften: ${n.law}`,
      "",
      "2. Genaue elektronische Fundstelle (Art. 16 Abs. 2 lit. b DSA):",
      urls,
      "",
      "3. Name und E-Mail-Adresse der meldenden Person (Art. 16 Abs. 2 lit. c DSA):",
      `${n.notifierName} <${n.notifierEmail}>`,
      "",
      "4. Erklärung (Art. 16 Abs. 2 lit. d DSA):",
      n.goodFaith
        ? "Ich bin in gutem Glauben davon überzeugt, dass die in dieser Meldung enthaltenen Angaben und Vorwürfe richtig und vollständig sind."
        : "(Erklärung des guten Glaubens fehlt – die Meldung ist so nicht vollständig.)",
      "",
      "Bitte bestätigen Sie den Eingang dieser Meldung (Art. 16 Abs. 4 DSA) und teilen Sie mir Ihre Entscheidung mit Begründung und den Rechtsbehelfsmöglichkeiten mit (Art. 16 Abs. 5, Art. 17 DSA).",
    ].join("\n");
  }
  return [
    `Notice of illegal content under Article 16 of the Digital Services Act (Regulation (EU) 2022/2065) to ${n.platform}`,
    "",
    "1. Explanation of why the content is illegal (Art. 16(2)(a) DSA):",
    n.reasons,
    `Provisions infringed: ${n.law}`,
    "",
    "2. Exact electronic location (Art. 16(2)(b) DSA):",
    urls,
    "",
    "3. Name and e-mail address of the notifier (Art. 16(2)(c) DSA):",
    `${n.notifierName} <${n.notifierEmail}>`,
    "",
    "4. Statement (Art. 16(2)(d) DSA):",
    n.goodFaith
      ? "I have a bona fide belief that the information and allegations contained in this notice are accurate and complete."
      : "(Good-faith statement missing – the notice is not complete without it.)",
    "",
    "Please confirm receipt of this notice (Art. 16(4) DSA) and inform me of your decision with a statement of reasons and the available means of redress (Art. 16(5), Art. 17 DSA).",
  ].join("\n");
}
