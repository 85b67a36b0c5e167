import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ExerciseStatus } from "../../../src/training/training.schema.ts";
import { useNow } from "../app/useNow.ts";
import { formatScenarioTime, tickScenarioMs } from "./scenarioTime.ts";

interface ExerciseClockProps {
  clock: { scenarioMs: number; speed: number; durationMinutes: number };
  status: ExerciseStatus;
  /** When the browser received `clock` (react-query's `dataUpdatedAt`); the clock ticks on from there. */
  receivedAt: number;
  /** Text colour, e.g. white on the training banner. */
  c?: string;
}

/** The scenario clock "mm:ss of mm:ss", ticking every second between polls while the exercise runs. */
export function ExerciseClock({ clock, status, receivedAt, c }: ExerciseClockProps) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const scenarioMs = tickScenarioMs(clock, status, receivedAt, Math.max(now, receivedAt));
  return (
    <Text component="span" ff="monospace" fw={700} c={c} data-testid="exercise-clock">
      {t("training.console.clockValue", {
        now: formatScenarioTime(scenarioMs),
        total: formatScenarioTime(clock.durationMinutes * 60_000),
      })}
    </Text>
  );
}
