import {
  Badge,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TimelineResolution } from "../../../src/escalation/escalation.schema.ts";
import { ApiError } from "../app/api.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { CampaignGroups } from "./CampaignGroups.tsx";
import { LevelBadge } from "./LevelBadge.tsx";
import { NewVoicesCard } from "./NewVoicesCard.tsx";
import { TimelineChart } from "./TimelineChart.tsx";
import { ANOMALY_THRESHOLD } from "./timelineChart.ts";
import { useTopicEscalation } from "./useTopicEscalation.ts";

interface TopicDetailProps {
  topicId: string;
  resolution: TimelineResolution;
  /** The topics to switch between, most escalated first. */
  topics: readonly { id: string; name: string }[];
  onTopicChange: (topicId: string) => void;
  onResolutionChange: (resolution: TimelineResolution) => void;
}

/** One topic up close: level and why, the timeline with anomalies, new voices and coordinated groups. */
export function TopicDetail({
  topicId,
  resolution,
  topics,
  onTopicChange,
  onResolutionChange,
}: TopicDetailProps) {
  const { t, i18n } = useTranslation();
  const detail = useTopicEscalation(topicId, resolution);
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const topicName = topics.find((topic) => topic.id === topicId)?.name ?? topicId;
  const options = topics.map((topic) => ({ value: topic.id, label: topic.name }));
  if (!topics.some((topic) => topic.id === topicId)) options.push({ value: topicId, label: topicId });
  const notFound = detail.error instanceof ApiError && detail.error.status === 404;
  const data = detail.data;

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="topic-detail-title"
      data-testid="topic-detail"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h4" id="topic-detail-title">
            {t("escalation.detail.title", { topic: topicName })}
          </Title>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NativeSelect
              size="xs"
              label={t("escalation.topic")}
              data={options}
              value={topicId}
              onChange={(e) => onTopicChange(e.currentTarget.value)}
              data-testid="topic-switch"
            />
            <SegmentedControl
              size="xs"
              aria-label={t("escalation.detail.resolution")}
              value={resolution}
              onChange={(value) => onResolutionChange(TimelineResolution.parse(value))}
              data={TimelineResolution.options.map((r) => ({
                value: r,
                label: t(`escalation.resolution.${r}`),
              }))}
              data-testid="timeline-resolution"
            />
          </Group>
        </Group>
        {notFound ? (
          <Text size="sm" data-testid="topic-detail-missing">
            {t("escalation.detail.notFound")}
          </Text>
        ) : (
          <ProblemAlert error={detail.error} />
        )}
        {detail.isPending && detail.fetchStatus !== "idle" && <Skeleton h={360} />}
        {data && (
          <>
            <Group gap="xs" wrap="wrap" data-testid="topic-level" data-level={data.level}>
              <LevelBadge level={data.level} />
              {data.anomalyScore >= ANOMALY_THRESHOLD && (
                <Badge variant="outline" color="red.9" title={data.anomalyScore.toFixed(2)}>
                  {t("escalation.anomaly")}
                </Badge>
              )}
              <Text size="sm">{data.explanation[lang]}</Text>
            </Group>
            <Text size="xs" c="dimmed">
              {t("escalation.detail.since", { time: formatDateTime(data.since, i18n.language) })}
            </Text>
            <TimelineChart timeline={data.timeline} resolution={data.resolution} topicName={topicName} />
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <NewVoicesCard voices={data.newVoices} />
              <CampaignGroups campaigns={data.campaigns} />
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Paper>
  );
}
