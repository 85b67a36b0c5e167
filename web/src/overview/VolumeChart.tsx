import { Box, Text } from "@mantine/core";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useId, useMemo } from "react";
import { useEChart } from "../app/useEChart.ts";
import type { ChartBucket, VolumePoint } from "./volumeSeries.ts";

// Only the parts the chart uses, so the bundle carries no unused chart types.
echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

interface VolumeChartProps {
  points: readonly VolumePoint[];
  bucket: ChartBucket;
  lang: string;
  /** Accessible name of the chart. */
  label: string;
  /** Text alternative: what the chart shows in words (total, peak). */
  description: string;
  seriesName: string;
}

/** Mentions per bucket as bars; an image to assistive technology, with a name and a description. */
export function VolumeChart({ points, bucket, lang, label, description, seriesName }: VolumeChartProps) {
  const descriptionId = useId();
  const option = useMemo(() => {
    const timeFormat = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
    const dayFormat = new Intl.DateTimeFormat(lang, { weekday: "short", hour: "2-digit", minute: "2-digit" });
    const format = bucket === "minute" ? timeFormat : dayFormat;
    return {
      animation: false,
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: "axis" },
      xAxis: {
        type: "category",
        data: points.map((p) => format.format(p.t)),
        axisLabel: { color: "#495057", hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: "value", minInterval: 1, axisLabel: { color: "#495057" } },
      series: [
        {
          name: seriesName,
          type: "bar",
          data: points.map((p) => p.count),
          itemStyle: { color: "#c92a2a" },
          barMaxWidth: 24,
        },
      ],
    };
  }, [points, bucket, lang, seriesName]);
  const ref = useEChart(option);

  return (
    <Box>
      <div ref={ref} role="img" aria-label={label} aria-describedby={descriptionId} style={{ height: 280 }} />
      <Text id={descriptionId} size="sm" c="dimmed" mt={4}>
        {description}
      </Text>
    </Box>
  );
}
