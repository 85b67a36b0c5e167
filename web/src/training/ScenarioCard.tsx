import { Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ScenarioSummary } from "../../../src/training/training.schema.ts";
import { useTrainingText } from "./useTrainingText.ts";

/** One library scenario: title, summary, risks, level, length, languages, and (for trainers) "Start exercise". */
export function ScenarioCard({ scenario, onStart }: { scenario: ScenarioSummary; onStart?: () => void }) {
  const { t } = useTranslation();
  const text = useTrainingText();
  const title = text(scenario.title);
  return (
    <Card withBorder padding="md" data-testid="scenario-card" data-scenario={scenario.id}>
      <Stack gap="xs" h="100%">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Group gap={6}>
          <Badge variant="outline" color="gray.7">
            {t(`training.level.${scenario.level}`)}
          </Badge>
          <Badge variant="outline" color="gray.7">
            {t("training.library.minutes", { count: scenario.durationMinutes })}
          </Badge>
          <Text size="sm" c="dimmed">
            {t("training.library.languages")}:{" "}
            {scenario.languages.map((lang) => t(`training.lang.${lang}`)).join(", ")}
          </Text>
        </Group>
        <Text size="sm">{text(scenario.summary)}</Text>
        <Group gap={6} aria-label={t("training.library.risks")} role="list">
          {scenario.risks.map((risk) => (
            <Badge key={risk} variant="outline" color="red.9" role="listitem">
              {t(`training.risk.${risk}`)}
            </Badge>
          ))}
        </Group>
        {onStart && (
          <Group mt="auto" pt="xs">
            <Button
              onClick={onStart}
              aria-label={t("training.library.startNamed", { title })}
              data-testid="start-exercise"
            >
              {t("training.library.start")}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
