import { List, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Page } from "./Page.tsx";

/** A page for a module that is not built yet: says in words what will come, shows no invented data. */
export function PlannedPage({ section }: { section: "accounts" }) {
  const { t } = useTranslation();
  const points = t(`${section}.points`, { returnObjects: true }) as string[];
  return (
    <Page title={t(`${section}.title`)}>
      <Stack gap="sm" maw={760}>
        <Text>{t(`${section}.intro`)}</Text>
        <List spacing="xs">
          {points.map((point) => (
            <List.Item key={point}>{point}</List.Item>
          ))}
        </List>
        <Text c="dimmed" size="sm">
          {t("common.plannedNote")}
        </Text>
      </Stack>
    </Page>
  );
}
