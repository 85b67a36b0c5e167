import { Anchor, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ExerciseRead } from "../../../src/training/training.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { ExerciseStatusBadge } from "./ExerciseStatusBadge.tsx";
import { useExercises } from "./useExercises.ts";
import { useTrainingText } from "./useTrainingText.ts";

/** The exercises the caller may see, newest first, with links to the console and (after the end) the debrief. */
export function ExerciseList() {
  const { t, i18n } = useTranslation();
  const text = useTrainingText();
  const exercises = useExercises();
  const items = [...(exercises.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Stack gap="sm" component="section" aria-labelledby="training-exercises">
      <Title order={2} size="h3" id="training-exercises">
        {t("training.exercises.heading")}
      </Title>
      <ProblemAlert error={exercises.error} />
      {exercises.data && items.length === 0 && <Text c="dimmed">{t("training.exercises.empty")}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Caption>{t("training.exercises.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("training.exercises.name")}</Table.Th>
                <Table.Th scope="col">{t("training.exercises.status")}</Table.Th>
                <Table.Th scope="col">{t("training.exercises.teams")}</Table.Th>
                <Table.Th scope="col">{t("training.exercises.created")}</Table.Th>
                <Table.Th scope="col">{t("training.exercises.open")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((exercise) => (
                <Table.Tr key={exercise.id} data-testid="exercise-row" data-status={exercise.status}>
                  <Table.Td>{text(exercise.title)}</Table.Td>
                  <Table.Td>
                    <ExerciseStatusBadge status={exercise.status} />
                  </Table.Td>
                  <Table.Td>{exercise.teams.map((team) => team.name).join(", ")}</Table.Td>
                  <Table.Td>{formatDateTime(exercise.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <ExerciseLinks exercise={exercise} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Console link (trainers) and debrief link (once it has ended) of one exercise. */
function ExerciseLinks({ exercise }: { exercise: ExerciseRead }) {
  const { t } = useTranslation();
  const text = useTrainingText();
  const title = text(exercise.title);
  return (
    <Group gap="sm" wrap="nowrap">
      {exercise.canRun && (
        <Anchor
          component={Link}
          to={`/training/exercises/${exercise.id}`}
          aria-label={t("training.exercises.consoleNamed", { title })}
          data-testid="exercise-console-link"
        >
          {t("training.exercises.console")}
        </Anchor>
      )}
      {exercise.status === "ended" && (
        <Anchor
          component={Link}
          to={`/training/exercises/${exercise.id}/debrief`}
          aria-label={t("training.exercises.debriefNamed", { title })}
          data-testid="exercise-debrief-link"
        >
          {t("training.exercises.debrief")}
        </Anchor>
      )}
    </Group>
  );
}
