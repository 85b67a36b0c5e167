import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { uiLanguages } from "./i18n.ts";

const names = { de: "Deutsch", en: "English" } as const;

/** DE/EN toggle; the choice is kept in localStorage by the language detector. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage;
  return (
    <Group gap={4} role="group" aria-label={t("shell.language")}>
      {uiLanguages.map((lng) => (
        <Button
          key={lng}
          size="compact-sm"
          variant={current === lng ? "filled" : "subtle"}
          aria-pressed={current === lng}
          title={names[lng]}
          lang={lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {lng.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
