import { Button, Group, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ExerciseRead } from "../../../src/training/training.schema.ts";
import { ConfirmButton } from "../app/ConfirmButton.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { ExerciseClock } from "./ExerciseClock.tsx";
import { ExerciseStatusBadge } from "./ExerciseStatusBadge.tsx";
import { formatSpeed, speedOptions } from "./exerciseForm.ts";
import { useExerciseControl } from "./useExerciseControl.ts";
import { useSetSpeed } from "./useSetSpeed.ts";

/** Status, clock and the trainer's controls: Start / Pause / Resume / End (confirmed) and the speed. */
export function ConsoleControls({ exercise, receivedAt }: { exercise: ExerciseRead; receivedAt: number }) {
  const { t, i18n } = useTranslation();
  const control = useExerciseControl(exercise.id);
  const setSpeed = useSetSpeed(exercise.id);
  const { status } = exercise;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="console-clock">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="console-clock">
            {t("training.console.clock")}
          </Title>
          <ExerciseStatusBadge status={status} />
        </Group>
        <Text size="xl">
          <ExerciseClock clock={exercise.clock} status={status} receivedAt={receivedAt} />
        </Text>
        <ProblemAlert error={control.error ?? setSpeed.error} />
        <Group gap="sm">
          {status === "lobby" && (
            <Button
              onClick={() => control.mutate("start")}
              loading={control.isPending}
              data-testid="exercise-start"
            >
              {t("training.console.start")}
            </Button>
          )}
          {status === "running" && (
            <Button
              variant="default"
              onClick={() => control.mutate("pause")}
              loading={control.isPending}
              data-testid="exercise-pause"
            >
              {t("training.console.pause")}
            </Button>
          )}
          {status === "paused" && (
            <Button
              onClick={() => control.mutate("resume")}
              loading={control.isPending}
              data-testid="exercise-resume"
            >
              {t("training.console.resume")}
            </Button>
          )}
          {status !== "ended" && (
            <ConfirmButton
              label={t("training.console.end")}
              confirmLabel={t("training.console.endConfirm")}
              loading={control.isPending}
              onConfirm={() => control.mutate("end")}
            />
          )}
        </Group>
        {status !== "ended" && (
          <NativeSelect
            label={t("training.console.speed")}
            maw={220}
            data={speedOptions(exercise.clock.speed).map((s) => ({
              value: String(s),
              label: formatSpeed(s, i18n.language),
            }))}
            value={String(exercise.clock.speed)}
            disabled={setSpeed.isPending}
            onChange={(e) => setSpeed.mutate({ speed: Number(e.currentTarget.value) })}
            data-testid="exercise-speed-select"
          />
        )}
      </Stack>
    </Paper>
  );
}
