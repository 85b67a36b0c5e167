import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { canRunTraining } from "../../../src/training/training.policy.ts";
import { Page } from "../app/Page.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { ExerciseList } from "./ExerciseList.tsx";
import { ProgressTable } from "./ProgressTable.tsx";
import { ScenarioLibrary } from "./ScenarioLibrary.tsx";

/** Training: the scenario library (trainers start exercises from it), the exercises, and each person's progress. */
export function TrainingPage() {
  const { t } = useTranslation();
  const canRun = canRunTraining(useCurrentSession());
  return (
    <Page title={t("training.title")}>
      <Text maw={760}>{t("training.intro")}</Text>
      <ScenarioLibrary canStart={canRun} />
      <ExerciseList />
      <ProgressTable />
    </Page>
  );
}
