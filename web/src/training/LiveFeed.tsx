import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ExerciseRead, FeedItem } from "../../../src/training/training.schema.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { formatScenarioTime } from "./scenarioTime.ts";
import { feedKindColor } from "./trainingColors.ts";
import { useFeed } from "./useFeed.ts";
import { useTrainingText } from "./useTrainingText.ts";

/** The live feed of an exercise, newest first, polled every 2 s while it runs; post texts as plain text. */
export function LiveFeed({ exercise }: { exercise: ExerciseRead }) {
  const { t } = useTranslation();
  const live = exercise.status === "running" || exercise.status === "paused";
  const feed = useFeed(exercise.id, live);
  const teamNames = new Map(exercise.teams.map((team) => [team.id, team.name]));
  const items = feed.data?.items ?? [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="console-feed">
      <Stack gap="sm">
        <Title order={2} size="h4" id="console-feed">
          {t("training.feed.heading")}
        </Title>
        <ProblemAlert error={feed.error} />
        {feed.data && items.length === 0 && <Text c="dimmed">{t("training.feed.empty")}</Text>}
        {items.length > 0 && (
          <Stack
            gap="xs"
            component="ol"
            aria-label={t("training.feed.heading")}
            data-testid="live-feed"
            style={{ listStyle: "none", padding: 0, margin: 0 }}
          >
            {items.map((item) => (
              <FeedLine
                key={item.id}
                item={item}
                team={item.teamId ? (teamNames.get(item.teamId) ?? item.teamId) : t("training.feed.allTeams")}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** One feed line: scenario time, kind badge, team, what happened, who, and the post text if any. */
function FeedLine({ item, team }: { item: FeedItem; team: string }) {
  const { t } = useTranslation();
  const text = useTrainingText();
  return (
    <li data-testid="feed-item" data-kind={item.kind}>
      <Stack gap={2}>
        <Group gap="xs">
          <Text component="span" ff="monospace" size="sm">
            {formatScenarioTime(item.scenarioMs)}
          </Text>
          <Badge
            variant="filled"
            color={feedKindColor[item.kind].bg}
            c={feedKindColor[item.kind].fg}
            size="sm"
          >
            {t(`training.feed.kind.${item.kind}`)}
          </Badge>
          <Text component="span" size="sm" c="dimmed">
            {team}
          </Text>
          <Text component="span" size="sm" fw={500}>
            {text(item.title)}
          </Text>
          {item.actor && (
            <Text component="span" size="sm" c="dimmed">
              – {item.actor.name}
            </Text>
          )}
        </Group>
        {item.text && (
          <Text size="sm" className="post-text" pl="md">
            {item.text}
          </Text>
        )}
      </Stack>
    </li>
  );
}
