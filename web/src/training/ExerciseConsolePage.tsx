import { Alert, Anchor, Button, Grid, Group, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError } from "../app/api.ts";
import { ConfirmButton } from "../app/ConfirmButton.tsx";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { ConsoleControls } from "./ConsoleControls.tsx";
import { InjectForm } from "./InjectForm.tsx";
import { JoinLinkCard } from "./JoinLinkCard.tsx";
import { LiveFeed } from "./LiveFeed.tsx";
import { TeamsCard } from "./TeamsCard.tsx";
import { useDeleteExercise } from "./useDeleteExercise.ts";
import { useExercise } from "./useExercise.ts";
import { useScenario } from "./useScenario.ts";
import { useTrainingText } from "./useTrainingText.ts";

/** The trainer console of one exercise: clock and controls, join link, teams, hand injects, live feed. */
export function ExerciseConsolePage() {
  const { t } = useTranslation();
  const text = useTrainingText();
  const navigate = useNavigate();
  const id = useParams().id ?? "";
  const exercise = useExercise(id);
  const scenario = useScenario(exercise.data?.scenarioId, exercise.data?.canRun ?? false);
  const remove = useDeleteExercise();
  const data = exercise.data;
  const notFound = exercise.error instanceof ApiError && exercise.error.status === 404;
  const back = (
    <Anchor component={Link} to="/training" size="sm">
      {t("training.console.back")}
    </Anchor>
  );

  if (!data) {
    return (
      <Page title={t("training.title")} actions={back}>
        {notFound ? (
          <Alert color="gray">{t("training.console.notFound")}</Alert>
        ) : (
          <ProblemAlert error={exercise.error} />
        )}
      </Page>
    );
  }

  const debriefLink = data.status === "ended" && (
    <Button component={Link} to={`/training/exercises/${data.id}/debrief`} data-testid="console-debrief">
      {t("training.console.debrief")}
    </Button>
  );

  return (
    <Page title={t("training.console.title", { title: text(data.title) })} actions={back}>
      {!data.canRun && <Alert color="gray">{t("training.console.readOnly")}</Alert>}
      {debriefLink}
      {data.canRun && (
        <Grid>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              <ConsoleControls exercise={data} receivedAt={exercise.dataUpdatedAt} />
              {data.joinCode && data.status !== "ended" && <JoinLinkCard code={data.joinCode} />}
              <TeamsCard exercise={data} />
              <ProblemAlert error={remove.error} />
              <Group>
                <ConfirmButton
                  label={t("training.console.delete")}
                  confirmLabel={t("training.console.deleteConfirm")}
                  loading={remove.isPending}
                  onConfirm={() => remove.mutate(data.id, { onSuccess: () => navigate("/training") })}
                />
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="md">
              <ProblemAlert error={scenario.error} />
              {scenario.data && data.status !== "ended" && (
                <InjectForm exercise={data} scenario={scenario.data} />
              )}
              <LiveFeed exercise={data} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Page>
  );
}
