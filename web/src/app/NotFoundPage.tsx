import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Page } from "./Page.tsx";

/** Shown for an unknown path inside the app. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("notFound.title")}>
      <Text>{t("notFound.text")}</Text>
      <Anchor component={Link} to="/overview">
        {t("notFound.back")}
      </Anchor>
    </Page>
  );
}
