import { Center, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ScenarioSummary } from "../../../src/training/training.schema.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { ScenarioCard } from "./ScenarioCard.tsx";
import { StartExerciseDialog } from "./StartExerciseDialog.tsx";
import { useScenarios } from "./useScenarios.ts";

/** The scenario library as cards; trainers open the "start exercise" form from a card. */
export function ScenarioLibrary({ canStart }: { canStart: boolean }) {
  const { t } = useTranslation();
  const scenarios = useScenarios();
  const [starting, setStarting] = useState<ScenarioSummary | null>(null);

  return (
    <Stack gap="sm" component="section" aria-labelledby="training-library">
      <Title order={2} size="h3" id="training-library">
        {t("training.library.heading")}
      </Title>
      <ProblemAlert error={scenarios.error} />
      {scenarios.isPending && (
        <Center py="md">
          <Loader aria-label={t("common.loading")} />
        </Center>
      )}
      {scenarios.data?.length === 0 && <Text c="dimmed">{t("training.library.empty")}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        {scenarios.data?.map((scenario) => (
          <ScenarioCard
            key={scenario.id}
            scenario={scenario}
            onStart={canStart ? () => setStarting(scenario) : undefined}
          />
        ))}
      </SimpleGrid>
      {starting && <StartExerciseDialog scenario={starting} onClose={() => setStarting(null)} />}
    </Stack>
  );
}
