import { Alert, Anchor, List, Paper, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ApiError } from "../app/api.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { DebriefTimeline } from "./DebriefTimeline.tsx";
import { ParticipantsTable } from "./ParticipantsTable.tsx";
import { ScoreSummary } from "./ScoreSummary.tsx";
import type { TeamDebriefRead } from "./trainingTypes.ts";
import { useDebrief } from "./useDebrief.ts";
import { useTrainingText } from "./useTrainingText.ts";

/** The debrief of an exercise: per team the score, criteria, timeline and participants; the scenario's lessons. */
export function DebriefPage() {
  const { t } = useTranslation();
  const text = useTrainingText();
  const id = useParams().id ?? "";
  const debrief = useDebrief(id);
  const data = debrief.data;
  const notFound = debrief.error instanceof ApiError && debrief.error.status === 404;

  if (!data) {
    return (
      <Page title={t("training.title")}>
        {notFound ? (
          <Alert color="gray">{t("training.console.notFound")}</Alert>
        ) : (
          <ProblemAlert error={debrief.error} />
        )}
      </Page>
    );
  }
  const { exercise } = data;
  const back = (
    <Anchor
      component={Link}
      to={exercise.canRun ? `/training/exercises/${exercise.id}` : "/training"}
      size="sm"
    >
      {exercise.canRun ? t("training.debrief.back") : t("training.console.back")}
    </Anchor>
  );

  return (
    <Page title={t("training.debrief.title", { title: text(exercise.title) })} actions={back}>
      {exercise.status !== "ended" && <Alert color="gray">{t("training.debrief.notEnded")}</Alert>}
      {data.teams.map((team) => (
        <TeamSection key={team.team.id} team={team} exerciseId={exercise.id} canRun={exercise.canRun} />
      ))}
      {data.lessons.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="debrief-lessons">
          <Title order={2} size="h3" id="debrief-lessons" mb="sm">
            {t("training.debrief.lessons")}
          </Title>
          <List spacing="xs" data-testid="debrief-lessons">
            {data.lessons.map((lesson) => (
              <List.Item key={lesson.en}>{text(lesson)}</List.Item>
            ))}
          </List>
        </Paper>
      )}
    </Page>
  );
}

/** One team's part of the debrief. */
function TeamSection({
  team,
  exerciseId,
  canRun,
}: {
  team: TeamDebriefRead;
  exerciseId: string;
  canRun: boolean;
}) {
  const { t } = useTranslation();
  const headingId = `debrief-team-${team.team.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid="debrief-team">
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          {team.team.name}
        </Title>
        <Title order={3} size="h4">
          {t("training.debrief.score")}
        </Title>
        <ScoreSummary score={team.score} headingId={headingId} />
        <Title order={3} size="h4">
          {t("training.debrief.timeline")}
        </Title>
        <DebriefTimeline injects={team.injects} actions={team.actions} />
        <Title order={3} size="h4">
          {t("training.debrief.participants")}
        </Title>
        <ParticipantsTable exerciseId={exerciseId} participants={team.participants} canRun={canRun} />
      </Stack>
    </Paper>
  );
}
