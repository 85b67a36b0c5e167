import { Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FeedItem } from "../../../src/training/training.schema.ts";
import { alignTimeline } from "./alignTimeline.ts";
import { formatScenarioTime } from "./scenarioTime.ts";
import { useTrainingText } from "./useTrainingText.ts";

/** Injects and the team's actions in two columns, one row per scenario minute in which something happened. */
export function DebriefTimeline({ injects, actions }: { injects: FeedItem[]; actions: FeedItem[] }) {
  const { t } = useTranslation();
  const rows = alignTimeline(injects, actions);
  if (rows.length === 0) return <Text c="dimmed">{t("training.debrief.timelineEmpty")}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" data-testid="debrief-timeline">
        <Table.Caption>{t("training.debrief.timelineCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={110}>
              {t("training.debrief.time")}
            </Table.Th>
            <Table.Th scope="col">{t("training.debrief.injects")}</Table.Th>
            <Table.Th scope="col">{t("training.debrief.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.minuteMs} data-testid="timeline-row">
              <Table.Th scope="row" ff="monospace" fw={500}>
                {formatScenarioTime(row.minuteMs)}
              </Table.Th>
              <Table.Td valign="top">
                <TimelineItems items={row.injects} />
              </Table.Td>
              <Table.Td valign="top">
                <TimelineItems items={row.actions} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The lines of one timeline cell, each with its own mm:ss; post texts as plain text. */
function TimelineItems({ items }: { items: FeedItem[] }) {
  const text = useTrainingText();
  return (
    <Stack gap={6}>
      {items.map((item) => (
        <Stack key={item.id} gap={0} data-kind={item.kind}>
          <Text size="sm">
            <Text component="span" ff="monospace" size="sm" c="dimmed">
              {formatScenarioTime(item.scenarioMs)}
            </Text>{" "}
            <Text component="span" fw={500} size="sm">
              {text(item.title)}
            </Text>
            {item.actor && ` – ${item.actor.name}`}
          </Text>
          {item.text && (
            <Text size="sm" className="post-text" lineClamp={4}>
              {item.text}
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
