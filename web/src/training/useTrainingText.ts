import { useTranslation } from "react-i18next";
import { type BilingualText, pickText } from "./trainingText.ts";

/** Picks server texts ({de, en}) in the UI language. */
export function useTrainingText(): (text: BilingualText) => string {
  const { i18n } = useTranslation();
  return (text) => pickText(text, i18n.language);
}
