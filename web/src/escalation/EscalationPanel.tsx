import { Anchor, Badge, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useTopicNames } from "../topics/useTopicNames.ts";
import { LevelBadge } from "./LevelBadge.tsx";
import { rankTopics } from "./rankTopics.ts";
import { ANOMALY_THRESHOLD } from "./timelineChart.ts";
import { useEscalation } from "./useEscalation.ts";

interface EscalationPanelProps {
  /** The topic whose detail is open. */
  selectedTopicId?: string | undefined;
  /** The query string ("?topic=…") that opens a topic's detail. */
  searchFor: (topicId: string) => string;
}

/** The escalation level 0-6 of every tracked topic, with the reasons in the reader's language; a topic opens its detail. */
export function EscalationPanel({ selectedTopicId, searchFor }: EscalationPanelProps) {
  const { t, i18n } = useTranslation();
  const escalation = useEscalation();
  const topicNames = useTopicNames();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const items = rankTopics(escalation.data?.items ?? []);
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
              {items.map((item) => {
                const name = topicNames.get(item.topicId) ?? item.topicId;
                const selected = item.topicId === selectedTopicId;
                return (
                  <Table.Tr
                    key={item.topicId}
                    data-testid="escalation-row"
                    data-level={item.level}
                    data-selected={selected || undefined}
                    bg={selected ? "gray.1" : undefined}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={{ search: searchFor(item.topicId) }}
                        replace
                        preventScrollReset
                        fw={selected ? 700 : undefined}
                        aria-current={selected ? "true" : undefined}
                        title={t("escalation.detail.open", { topic: name })}
                        data-testid="escalation-topic"
                      >
                        {name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <LevelBadge level={item.level} />
                        {item.anomalyScore >= ANOMALY_THRESHOLD && (
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
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
