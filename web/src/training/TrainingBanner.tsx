import { Box, Button, Collapse, Group, List, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useSwitchWorkspace } from "../auth/useSwitchWorkspace.ts";
import { ExerciseClock } from "./ExerciseClock.tsx";
import { ExerciseStatusBadge } from "./ExerciseStatusBadge.tsx";
import { bannerColor } from "./trainingColors.ts";
import { useCurrentExercise } from "./useCurrentExercise.ts";
import { useTrainingText } from "./useTrainingText.ts";

/**
 * The band on every page of an exercise workspace: "EXERCISE", title, team, role, status, clock, the briefing
 * on demand, "Back to the real workspace", and after the end the way to the debrief.
 */
export function TrainingBanner() {
  const { t } = useTranslation();
  const text = useTrainingText();
  const navigate = useNavigate();
  const session = useCurrentSession();
  const current = useCurrentExercise(true);
  const switchWorkspace = useSwitchWorkspace();
  const [briefing, { toggle }] = useDisclosure(false);
  const exercise = current.data;
  const liveId =
    exercise?.liveWorkspaceId ?? session.workspaces.find((w) => w.kind === "live")?.id ?? undefined;

  const leave = (to: string) => {
    if (liveId) switchWorkspace.mutate(liveId, { onSuccess: () => navigate(to) });
  };

  return (
    <Box
      component="section"
      aria-label={t("training.banner.region")}
      bg={bannerColor.bg}
      c={bannerColor.fg}
      p="sm"
      mb="md"
      style={{ borderRadius: "var(--mantine-radius-sm)" }}
      data-testid="training-banner"
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="sm">
          <Group gap="md">
            <Text fw={800} tt="uppercase" c={bannerColor.fg}>
              {t("training.banner.label")}
            </Text>
            {exercise && (
              <>
                <Text fw={600} c={bannerColor.fg} data-testid="banner-title">
                  {text(exercise.title)}
                </Text>
                <Text size="sm" c={bannerColor.fg}>
                  {t("training.banner.team")}: {exercise.team.name}
                </Text>
                <Text size="sm" c={bannerColor.fg}>
                  {t("training.banner.role")}:{" "}
                  {exercise.role ? t(`training.role.${exercise.role}`) : t("training.banner.trainerLooking")}
                </Text>
                {exercise.status !== "running" && <ExerciseStatusBadge status={exercise.status} />}
                <Text size="sm" c={bannerColor.fg}>
                  {t("training.banner.clock")}:{" "}
                  <ExerciseClock
                    clock={exercise.clock}
                    status={exercise.status}
                    receivedAt={current.dataUpdatedAt}
                    c={bannerColor.fg}
                  />
                </Text>
              </>
            )}
          </Group>
          <Group gap="xs">
            {exercise && (
              <Button
                size="compact-sm"
                variant="white"
                color={bannerColor.bg}
                onClick={toggle}
                aria-expanded={briefing}
                aria-controls="training-briefing"
                data-testid="banner-briefing-toggle"
              >
                {briefing ? t("training.banner.hideBriefing") : t("training.banner.showBriefing")}
              </Button>
            )}
            {exercise?.status === "ended" && (
              <Button
                size="compact-sm"
                variant="white"
                color={bannerColor.bg}
                loading={switchWorkspace.isPending}
                onClick={() => leave(`/training/exercises/${exercise.exerciseId}/debrief`)}
                data-testid="banner-debrief"
              >
                {t("training.banner.debrief")}
              </Button>
            )}
            {liveId && (
              <Button
                size="compact-sm"
                variant="white"
                color={bannerColor.bg}
                loading={switchWorkspace.isPending}
                onClick={() => leave("/overview")}
                data-testid="banner-back"
              >
                {t("training.banner.back")}
              </Button>
            )}
          </Group>
        </Group>
        <ProblemAlert error={switchWorkspace.error ?? current.error} />
        {exercise && (
          <Collapse expanded={briefing} id="training-briefing">
            <Stack gap={4} data-testid="banner-briefing">
              <Text size="sm" c={bannerColor.fg} className="post-text">
                {text(exercise.summary)}
              </Text>
              {exercise.objectives.length > 0 && (
                <>
                  <Text size="sm" fw={700} c={bannerColor.fg}>
                    {t("training.banner.objectives")}
                  </Text>
                  <List size="sm" c={bannerColor.fg}>
                    {exercise.objectives.map((objective) => (
                      <List.Item key={objective.en}>{text(objective)}</List.Item>
                    ))}
                  </List>
                </>
              )}
            </Stack>
          </Collapse>
        )}
      </Stack>
    </Box>
  );
}
