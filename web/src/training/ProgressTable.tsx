import { Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { PassedBadge } from "./PassedBadge.tsx";
import { useProgress } from "./useProgress.ts";
import { useTrainingText } from "./useTrainingText.ts";

/** Each person's finished exercises with score and result: one's own, or everyone's for trainers. */
export function ProgressTable() {
  const { t, i18n } = useTranslation();
  const text = useTrainingText();
  const progress = useProgress();
  const rows = (progress.data ?? []).flatMap((person) =>
    person.exercises.map((exercise) => ({ person, exercise })),
  );

  return (
    <Stack gap="sm" component="section" aria-labelledby="training-progress">
      <Title order={2} size="h3" id="training-progress">
        {t("training.progress.heading")}
      </Title>
      <ProblemAlert error={progress.error} />
      {progress.data && rows.length === 0 && <Text c="dimmed">{t("training.progress.empty")}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Caption>{t("training.progress.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("training.progress.person")}</Table.Th>
                <Table.Th scope="col">{t("training.progress.exercise")}</Table.Th>
                <Table.Th scope="col">{t("training.progress.ended")}</Table.Th>
                <Table.Th scope="col">{t("training.progress.team")}</Table.Th>
                <Table.Th scope="col">{t("training.progress.role")}</Table.Th>
                <Table.Th scope="col">{t("training.progress.score")}</Table.Th>
                <Table.Th scope="col">{t("training.progress.result")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ person, exercise }) => (
                <Table.Tr key={`${person.userId}:${exercise.exerciseId}`} data-testid="progress-row">
                  <Table.Td>{person.name}</Table.Td>
                  <Table.Td>{text(exercise.title)}</Table.Td>
                  <Table.Td>{formatDateTime(exercise.endedAt, i18n.language)}</Table.Td>
                  <Table.Td>{exercise.teamName}</Table.Td>
                  <Table.Td>{t(`training.role.${exercise.role}`)}</Table.Td>
                  <Table.Td>{Math.round(exercise.score)}</Table.Td>
                  <Table.Td>
                    <PassedBadge passed={exercise.passed} />
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
