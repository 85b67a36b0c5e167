import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { TrainingRole } from "../../../src/core/training/training.schema.ts";
import { ApiError } from "../app/api.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useSwitchWorkspace } from "../auth/useSwitchWorkspace.ts";
import { ExerciseStatusBadge } from "./ExerciseStatusBadge.tsx";
import type { JoinInfoRead } from "./trainingTypes.ts";
import { useJoinExercise } from "./useJoinExercise.ts";
import { useJoinInfo } from "./useJoinInfo.ts";
import { useTrainingText } from "./useTrainingText.ts";

/** The page behind a join link: briefing, status, team and role choice, Join; then on to the exercise inbox. */
export function JoinPage() {
  const { t } = useTranslation();
  const text = useTrainingText();
  const code = useParams().code ?? "";
  const info = useJoinInfo(code);
  const notFound = info.error instanceof ApiError && info.error.status === 404;

  if (!info.data) {
    return (
      <Page title={t("training.join.title")}>
        {notFound ? (
          <Alert color="gray">{t("training.join.notFound")}</Alert>
        ) : (
          <ProblemAlert error={info.error} />
        )}
      </Page>
    );
  }
  const data = info.data;
  return (
    <Page title={`${t("training.join.title")}: ${text(data.title)}`}>
      <Paper withBorder p="md" maw={760}>
        <Stack gap="sm">
          <Group gap="sm">
            <Text fw={500}>{t("training.join.status")}:</Text>
            <ExerciseStatusBadge status={data.status} />
          </Group>
          <Title order={2} size="h4">
            {t("training.join.briefing")}
          </Title>
          <Text className="post-text" data-testid="join-briefing">
            {text(data.summary)}
          </Text>
        </Stack>
      </Paper>
      {data.joined ? (
        <AlreadyJoined workspaceId={data.joined.workspaceId} />
      ) : data.status === "ended" ? (
        <Alert color="gray">{t("training.join.ended")}</Alert>
      ) : (
        <JoinForm code={code} info={data} />
      )}
    </Page>
  );
}

/** Team (team mode) and incident role, then Join; the session moves into the exercise workspace. */
function JoinForm({ code, info }: { code: string; info: JoinInfoRead }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const join = useJoinExercise();
  const [teamId, setTeamId] = useState(info.teams[0]?.id ?? "");
  const [role, setRole] = useState<TrainingRole>(info.roles[0] ?? "lead");
  const error = join.error instanceof ApiError ? join.error : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    join.mutate(
      { code, role, teamId: info.mode === "team" && teamId ? teamId : undefined },
      { onSuccess: () => navigate("/inbox") },
    );
  };

  return (
    <Paper withBorder p="md" maw={760}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {join.error && !error?.problem.errors?.length && <ProblemAlert error={join.error} />}
          {info.mode === "team" && (
            <NativeSelect
              label={t("training.join.team")}
              data={info.teams.map((team) => ({
                value: team.id,
                label: `${team.name} (${team.members.map((m) => m.name).join(", ") || "–"})`,
              }))}
              value={teamId}
              onChange={(e) => setTeamId(e.currentTarget.value)}
              error={error?.fieldError("teamId")}
              data-testid="join-team"
            />
          )}
          <NativeSelect
            label={t("training.join.role")}
            data={info.roles.map((r) => ({ value: r, label: t(`training.role.${r}`) }))}
            value={role}
            onChange={(e) => setRole(TrainingRole.parse(e.currentTarget.value))}
            error={error?.fieldError("role")}
            data-testid="join-role"
          />
          <Group>
            <Button type="submit" loading={join.isPending} data-testid="join-submit">
              {t("training.join.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** For someone who has joined already: a button into the exercise workspace. */
function AlreadyJoined({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const switchWorkspace = useSwitchWorkspace();
  return (
    <Stack gap="sm" maw={760}>
      <Text>{t("training.join.joined")}</Text>
      <ProblemAlert error={switchWorkspace.error} />
      <Group>
        <Button
          loading={switchWorkspace.isPending}
          onClick={() => switchWorkspace.mutate(workspaceId, { onSuccess: () => navigate("/inbox") })}
          data-testid="join-open-workspace"
        >
          {t("training.join.openWorkspace")}
        </Button>
      </Group>
    </Stack>
  );
}
