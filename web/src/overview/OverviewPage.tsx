import { Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { EscalationPanel } from "../escalation/EscalationPanel.tsx";
import { rankTopics } from "../escalation/rankTopics.ts";
import { TopicDetail } from "../escalation/TopicDetail.tsx";
import { useEscalation } from "../escalation/useEscalation.ts";
import { ResponseFiguresCard } from "../inbox/ResponseFiguresCard.tsx";
import { IncidentFiguresCard } from "../incidents/IncidentFiguresCard.tsx";
import { useTopicNames } from "../topics/useTopicNames.ts";
import { BreakdownTable } from "./BreakdownTable.tsx";
import { overviewViewFromSearch, withSearchParam } from "./overviewView.ts";
import { usePostStats } from "./usePostStats.ts";
import { VolumeChart } from "./VolumeChart.tsx";
import { fillSeries, peakOf } from "./volumeSeries.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Overview: real mention figures of the last 24 hours, each topic's escalation with one topic up close,
 * and a volume chart, refreshed every 15 seconds. What is shown is in the URL (`chart`, `topic`, `res`).
 */
export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = overviewViewFromSearch(params);
  const chartWindow = view.chart;
  const day = usePostStats(DAY, "hour");
  const hour = usePostStats(HOUR, "minute");
  const topicNames = useTopicNames();
  const escalation = useEscalation();
  const number = new Intl.NumberFormat(i18n.language);
  const setParam = (key: string, value: string | undefined) =>
    setParams((current) => withSearchParam(current, key, value), { replace: true });

  // Without a choice in the URL, the most escalated topic is shown up close.
  const rankedTopics = rankTopics(escalation.data?.items ?? []).map((item) => ({
    id: item.topicId,
    name: topicNames.get(item.topicId) ?? item.topicId,
  }));
  const detailTopicId = view.topicId ?? rankedTopics[0]?.id;

  const chartStats = chartWindow === "1h" ? hour.data : day.data;
  const bucket = chartWindow === "1h" ? "minute" : "hour";
  const points = useMemo(
    () => (chartStats ? fillSeries(chartStats.series, chartStats.from, chartStats.to, bucket) : []),
    [chartStats, bucket],
  );
  const peak = peakOf(points);
  const timeFormat = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" });
  const chartTotal = points.reduce((sum, p) => sum + p.count, 0);
  const chartLabel = chartWindow === "1h" ? t("overview.chart.labelHour") : t("overview.chart.labelDay");
  const chartDescription = peak
    ? t("overview.chart.description", {
        total: number.format(chartTotal),
        peak: number.format(peak.count),
        time: timeFormat.format(peak.t),
      })
    : t("overview.chart.descriptionEmpty");

  const figures = [
    { id: "total-24h", label: t("overview.total24h"), value: day.data?.total },
    { id: "total-1h", label: t("overview.total1h"), value: hour.data?.total },
  ];

  return (
    <Page title={t("overview.title")}>
      <ProblemAlert error={day.error ?? hour.error} />
      <SimpleGrid cols={{ base: 1, xs: 2 }} maw={560}>
        {figures.map((figure) => (
          <Paper key={figure.id} withBorder p="md" data-testid={`figure-${figure.id}`}>
            <Text size="sm" c="dimmed">
              {figure.label}
            </Text>
            {figure.value === undefined ? (
              <Skeleton h={36} mt={4} w={80} />
            ) : (
              <Text fz={32} fw={700} lh={1.2}>
                {number.format(figure.value)}
              </Text>
            )}
          </Paper>
        ))}
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ResponseFiguresCard />
        <IncidentFiguresCard />
      </SimpleGrid>

      <EscalationPanel
        selectedTopicId={detailTopicId}
        searchFor={(topicId) => `?${withSearchParam(params, "topic", topicId).toString()}`}
      />

      {detailTopicId && (
        <TopicDetail
          topicId={detailTopicId}
          resolution={view.resolution}
          topics={rankedTopics}
          onTopicChange={(topicId) => setParam("topic", topicId)}
          onResolutionChange={(resolution) =>
            setParam("res", resolution === "minute" ? undefined : resolution)
          }
        />
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="volume-title">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h4" id="volume-title">
              {t("overview.chart.title")}
            </Title>
            <SegmentedControl
              aria-label={t("overview.chart.window")}
              value={chartWindow}
              onChange={(value) => setParam("chart", value === "24h" ? "24h" : undefined)}
              data={[
                { value: "1h", label: t("overview.chart.perMinute") },
                { value: "24h", label: t("overview.chart.perHour") },
              ]}
              data-testid="chart-window"
            />
          </Group>
          {chartStats ? (
            <VolumeChart
              points={points}
              bucket={bucket}
              lang={i18n.language}
              label={chartLabel}
              description={chartDescription}
              seriesName={t("overview.mentions")}
            />
          ) : (
            <Skeleton h={280} />
          )}
        </Stack>
      </Paper>

      <Text size="sm" c="dimmed">
        {t("overview.breakdownNote")}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <BreakdownTable
          title={t("overview.byPlatform")}
          keyLabel={t("overview.platform")}
          rows={day.data?.byPlatform ?? []}
          nameOf={(key) => t(`platforms.${key}`, { defaultValue: key })}
          total={day.data?.total ?? 0}
          testId="by-platform"
        />
        <BreakdownTable
          title={t("overview.byLang")}
          keyLabel={t("overview.lang")}
          rows={day.data?.byLang ?? []}
          nameOf={(key) => t(`langs.${key}`, { defaultValue: key })}
          total={day.data?.total ?? 0}
          testId="by-lang"
        />
        <BreakdownTable
          title={t("overview.byTopic")}
          keyLabel={t("overview.topic")}
          rows={day.data?.byTopic ?? []}
          nameOf={(key) => topicNames.get(key) ?? t("overview.unknownTopic")}
          total={day.data?.total ?? 0}
          testId="by-topic"
        />
      </SimpleGrid>
    </Page>
  );
}
