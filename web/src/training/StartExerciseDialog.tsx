import { Button, Group, Modal, NativeSelect, Stack, Textarea } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ExerciseMode, type ScenarioSummary } from "../../../src/training/training.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { formatSpeed, parseTeamNames, speedChoices } from "./exerciseForm.ts";
import { uiLang } from "./trainingText.ts";
import type { ExerciseModeValue } from "./trainingTypes.ts";
import { useCreateExercise } from "./useCreateExercise.ts";
import { useTrainingText } from "./useTrainingText.ts";

/** The "start exercise" form: language, team or individual mode, team names, speed; opens the new console. */
export function StartExerciseDialog({
  scenario,
  onClose,
}: {
  scenario: ScenarioSummary;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const text = useTrainingText();
  const navigate = useNavigate();
  const create = useCreateExercise();
  const preferred = uiLang(i18n.language);
  const [lang, setLang] = useState<"de" | "en">(
    scenario.languages.includes(preferred) ? preferred : (scenario.languages[0] ?? preferred),
  );
  const [mode, setMode] = useState<ExerciseModeValue>("team");
  const [teams, setTeams] = useState("");
  const [speed, setSpeed] = useState("1");
  const error = create.error instanceof ApiError ? create.error : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const names = parseTeamNames(teams);
    create.mutate(
      {
        scenarioId: scenario.id,
        lang,
        mode,
        teams: mode === "team" && names.length > 0 ? names : undefined,
        speed: Number(speed),
      },
      { onSuccess: (exercise) => navigate(`/training/exercises/${exercise.id}`) },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t("training.create.dialog", { title: text(scenario.title) })}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {create.error && !error?.problem.errors?.length && <ProblemAlert error={create.error} />}
          <NativeSelect
            label={t("training.create.lang")}
            data={scenario.languages.map((l) => ({ value: l, label: t(`training.lang.${l}`) }))}
            value={lang}
            onChange={(e) => setLang(e.currentTarget.value === "de" ? "de" : "en")}
            error={error?.fieldError("lang")}
            data-testid="exercise-lang"
          />
          <NativeSelect
            label={t("training.create.mode")}
            data={ExerciseMode.options.map((m) => ({ value: m, label: t(`training.mode.${m}`) }))}
            value={mode}
            onChange={(e) => setMode(ExerciseMode.parse(e.currentTarget.value))}
            error={error?.fieldError("mode")}
            data-testid="exercise-mode"
          />
          {mode === "team" && (
            <Textarea
              label={t("training.create.teams")}
              description={t("training.create.teamsHint")}
              autosize
              minRows={2}
              maxRows={8}
              value={teams}
              onChange={(e) => setTeams(e.currentTarget.value)}
              error={error?.fieldError("teams")}
              data-testid="exercise-teams"
            />
          )}
          <NativeSelect
            label={t("training.create.speed")}
            data={speedChoices.map((s) => ({
              value: String(s),
              label: formatSpeed(s, i18n.language),
            }))}
            value={speed}
            onChange={(e) => setSpeed(e.currentTarget.value)}
            error={error?.fieldError("speed")}
            data-testid="exercise-speed"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="exercise-create">
              {t("training.create.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
