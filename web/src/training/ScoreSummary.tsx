import { Group, List, Progress, RingProgress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ScoreRead } from "../../../src/training/training.schema.ts";
import { PassedBadge } from "./PassedBadge.tsx";
import { useTrainingText } from "./useTrainingText.ts";

/** A team's score: the ring with the total, passed or not, each criterion as a bar, went well / to improve. */
export function ScoreSummary({ score, headingId }: { score: ScoreRead; headingId: string }) {
  const { t } = useTranslation();
  const text = useTrainingText();
  const total = Math.round(score.score);
  return (
    <Stack gap="md">
      <Group gap="lg" align="center">
        <RingProgress
          size={132}
          thickness={12}
          roundCaps
          sections={[{ value: Math.min(100, Math.max(0, total)), color: score.passed ? "green.9" : "red.9" }]}
          label={
            <Text ta="center" fw={700} size="xl" data-testid="debrief-score">
              {total}
            </Text>
          }
          aria-hidden
        />
        <Stack gap={4}>
          <Text fw={500}>{t("training.debrief.scoreOf", { score: total })}</Text>
          <Group>
            <PassedBadge passed={score.passed} />
          </Group>
        </Stack>
      </Group>
      <Title order={4} size="h5" id={`${headingId}-criteria`}>
        {t("training.debrief.criteria")}
      </Title>
      <Stack gap="sm" aria-labelledby={`${headingId}-criteria`}>
        {score.criteria.map((criterion) => {
          const name = t(`training.debrief.criterion.${criterion.key}`);
          const percent = Math.round(Math.min(1, Math.max(0, criterion.score)) * 100);
          return (
            <Stack key={criterion.key} gap={2} data-testid="debrief-criterion" data-key={criterion.key}>
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={500}>
                  {name}{" "}
                  <Text component="span" size="xs" c="dimmed">
                    ({t("training.debrief.weight", { weight: criterion.weight })})
                  </Text>
                </Text>
                <Text size="sm">{t("training.debrief.percent", { value: percent })}</Text>
              </Group>
              <Progress value={percent} color={percent >= 50 ? "green.9" : "red.9"} aria-label={name} />
              <Text size="sm" c="dimmed">
                {text(criterion.detail)}
              </Text>
            </Stack>
          );
        })}
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextList
          heading={t("training.debrief.wentWell")}
          items={score.wentWell.map(text)}
          testId="went-well"
        />
        <TextList
          heading={t("training.debrief.toImprove")}
          items={score.toImprove.map(text)}
          testId="to-improve"
        />
      </SimpleGrid>
    </Stack>
  );
}

/** A small heading with a bullet list, or a dash when it is empty. */
function TextList({ heading, items, testId }: { heading: string; items: string[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid={testId}>
      <Title order={4} size="h5">
        {heading}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t("training.debrief.none")}</Text>
      ) : (
        <List size="sm" spacing={2}>
          {items.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
