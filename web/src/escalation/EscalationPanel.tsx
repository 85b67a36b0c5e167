import { Badge, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useTopicNames } from "../topics/useTopicNames.ts";
import { useEscalation } from "./useEscalation.ts";

// Shitstorm scale colours, dark enough for white text (WCAG AA).
const levelColour = ["gray.7", "teal.9", "yellow.9", "orange.9", "red.8", "red.9", "grape.9"] as const;

/** The escalation level 0-6 of every tracked topic, with the reasons in the reader's language. */
export function EscalationPanel() {
  const { t, i18n } = useTranslation();
  const escalation = useEscalation();
  const topicNames = useTopicNames();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const items = [...(escalation.data?.items ?? [])].sort((a, b) => b.level - a.level);
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="escalation-title"
      data-testid="escalation-panel"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="escalation-title">
          {t("escalation.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("escalation.intro")}
        </Text>
        {escalation.isPending ? (
          <Skeleton h={80} />
        ) : items.length === 0 ? (
          <Text size="sm">{t("escalation.none")}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("escalation.topic")}</Table.Th>
                <Table.Th>{t("escalation.level")}</Table.Th>
                <Table.Th>{t("escalation.why")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.topicId} data-testid="escalation-row" data-level={item.level}>
                  <Table.Td>{topicNames.get(item.topicId) ?? item.topicId}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="filled" color={levelColour[item.level] ?? "gray.7"}>
                        {t("escalation.levelN", { level: item.level })}
                      </Badge>
                      {item.anomalyScore >= 0.5 && (
                        <Badge variant="outline" color="red.9" title={item.anomalyScore.toFixed(2)}>
                          {t("escalation.anomaly")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.explanation[lang]}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
