import type { EChartsCoreOption } from "echarts/core";
import * as echarts from "echarts/core";
import { type RefObject, useEffect, useRef } from "react";

/**
 * Draws `option` with ECharts' SVG renderer into the returned element, follows its size, and replaces the
 * whole option when it changes. The caller registers the chart parts it uses (`echarts.use`).
 */
export function useEChart(option: EChartsCoreOption): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: "svg" });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
