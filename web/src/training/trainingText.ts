/** A text the server sends in both product languages. */
export interface BilingualText {
  de: string;
  en: string;
}

/** The text in the UI language ("de" or "de-AT" → German, anything else → English); the other one if empty. */
export function pickText(text: BilingualText, uiLanguage: string): string {
  const german = uiLanguage.toLowerCase().startsWith("de");
  const wanted = german ? text.de : text.en;
  return wanted.trim() ? wanted : german ? text.en : text.de;
}

/** The certificate / exercise language that fits the UI language. */
export function uiLang(uiLanguage: string): "de" | "en" {
  return uiLanguage.toLowerCase().startsWith("de") ? "de" : "en";
}
