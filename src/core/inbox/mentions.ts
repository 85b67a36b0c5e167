// @mentions in internal notes: `@anna` (the local part of a colleague's e-mail) or `@anna@firma.de`.

/** One mention as written: a local part, or a whole e-mail address. */
export type Mention = { kind: "local"; value: string } | { kind: "email"; value: string };

// A mention starts the text or follows a space or punctuation, so "anna@firma.de" alone is no mention.
const mentionPattern = /(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}._+-]+(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)/gu;

/** The distinct mentions of a note, lower-cased, in order; trailing dots (end of a sentence) are not part of them. */
export function parseMentions(text: string): Mention[] {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const match of text.matchAll(mentionPattern)) {
    const value = (match[1] ?? "").replace(/[.]+$/u, "").toLowerCase();
    if (value === "" || seen.has(value)) continue;
    seen.add(value);
    out.push(value.includes("@") ? { kind: "email", value } : { kind: "local", value });
  }
  return out;
}

/** The ids of the people a note mentions: by whole e-mail, or by an e-mail local part that only one of them has. */
export function resolveMentions(
  mentions: readonly Mention[],
  people: readonly { id: string; email: string }[],
): string[] {
  const ids = new Set<string>();
  for (const mention of mentions) {
    const matches = people.filter((p) => {
      const email = p.email.toLowerCase();
      return mention.kind === "email" ? email === mention.value : email.split("@")[0] === mention.value;
    });
    // "@anna" where two colleagues are called anna@… is ambiguous: nobody is notified rather than the wrong one.
    if (matches.length === 1 && matches[0]) ids.add(matches[0].id);
  }
  return [...ids];
}
