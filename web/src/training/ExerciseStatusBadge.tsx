import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ExerciseStatus } from "../../../src/training/training.schema.ts";
import { statusColor } from "./trainingColors.ts";

/** The status of an exercise (lobby, running, paused, ended) as a coloured badge. */
export function ExerciseStatusBadge({ status }: { status: ExerciseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      color={statusColor[status].bg}
      c={statusColor[status].fg}
      data-testid="exercise-status"
      data-status={status}
    >
      {t(`training.status.${status}`)}
    </Badge>
  );
}
