import { Box, Text } from "@mantine/core";
import { LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { TimelineResolution } from "../../../src/escalation/escalation.schema.ts";
import { useEChart } from "../app/useEChart.ts";
import { fillTimeline, summariseTimeline, timelineOption, timelineTimeFormat } from "./timelineChart.ts";

// Only the parts the chart uses, so the bundle carries no unused chart types.
echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

interface TimelineChartProps {
  timeline: readonly { t: string; volume: number; negative: number; anomaly: number | null }[];
  resolution: TimelineResolution;
  topicName: string;
}

/**
 * A topic's posts and critical posts over time with unusual volume marked; an image to assistive
 * technology, with a name and a text description of totals, peak and anomalies.
 */
export function TimelineChart({ timeline, resolution, topicName }: TimelineChartProps) {
  const { t, i18n } = useTranslation();
  const descriptionId = useId();
  const lang = i18n.language;
  const steps = useMemo(() => fillTimeline(timeline, resolution), [timeline, resolution]);
  const format = useMemo(() => timelineTimeFormat(resolution, lang), [resolution, lang]);
  const labels = useMemo(
    () => ({
      volume: t("escalation.timeline.volume"),
      negative: t("escalation.timeline.negative"),
      anomaly: t("escalation.timeline.anomaly"),
    }),
    [t],
  );
  const option = useMemo(
    () => timelineOption(steps, labels, (time) => format.format(time)),
    [steps, labels, format],
  );
  const ref = useEChart(option);

  const number = new Intl.NumberFormat(lang);
  const summary = summariseTimeline(steps);
  const period = t(`escalation.period.${resolution}`);
  const latestAnomaly = summary.anomalies.at(-1);
  const description = [
    summary.peak
      ? t("escalation.timeline.description", {
          count: summary.total,
          period,
          total: number.format(summary.total),
          negative: number.format(summary.negative),
          peak: number.format(summary.peak.volume),
          time: format.format(summary.peak.t),
        })
      : t("escalation.timeline.descriptionEmpty", { period }),
    latestAnomaly
      ? t("escalation.timeline.anomalies", {
          count: summary.anomalies.length,
          time: format.format(latestAnomaly.t),
        })
      : t("escalation.timeline.noAnomalies"),
  ].join(" ");

  return (
    <Box>
      <div
        ref={ref}
        role="img"
        aria-label={t("escalation.timeline.label", { topic: topicName, period })}
        aria-describedby={descriptionId}
        style={{ height: 300 }}
        data-testid="topic-timeline"
        data-steps={steps.length}
        data-anomalies={summary.anomalies.length}
      />
      <Text id={descriptionId} size="sm" c="dimmed" mt={4} data-testid="topic-timeline-summary">
        {description}
      </Text>
    </Box>
  );
}
