import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { de } from "../i18n/de.ts";
import { en } from "../i18n/en.ts";

/** The UI languages, in the order the switch shows them. */
export const uiLanguages = ["de", "en"] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** The language the UI shows now, reduced to one of the supported ones. */
export function currentLanguage(): UiLanguage {
  return i18n.resolvedLanguage === "de" ? "de" : "en";
}

function syncHtmlLang(): void {
  if (typeof document !== "undefined") document.documentElement.lang = currentLanguage();
}

// German when the browser prefers it (or ?lng=de / the stored choice says so), English otherwise.
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { de: { translation: de }, en: { translation: en } },
    supportedLngs: [...uiLanguages],
    fallbackLng: "en",
    // The texts are bundled, so initialise synchronously: the first render already has them.
    initAsync: false,
    load: "languageOnly",
    interpolation: { escapeValue: false }, // React escapes already
    detection: {
      order: ["querystring", "localStorage", "navigator"],
      lookupQuerystring: "lng",
      caches: ["localStorage"],
      convertDetectedLanguage: (lng: string) => lng.split("-")[0] ?? lng,
    },
  })
  .then(syncHtmlLang);

i18n.on("languageChanged", syncHtmlLang);

export { i18n };
