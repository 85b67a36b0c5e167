import { Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { ExerciseRead } from "../../../src/training/training.schema.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useSwitchWorkspace } from "../auth/useSwitchWorkspace.ts";

/** The teams with their members and roles; "Look in" switches the trainer into a team's workspace. */
export function TeamsCard({ exercise }: { exercise: ExerciseRead }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const switchWorkspace = useSwitchWorkspace();

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="console-teams">
      <Stack gap="sm">
        <Title order={2} size="h4" id="console-teams">
          {t("training.console.teams")}
        </Title>
        <ProblemAlert error={switchWorkspace.error} />
        {exercise.teams.map((team) => (
          <Stack key={team.id} gap={4} data-testid="console-team" data-team={team.name}>
            <Group justify="space-between" wrap="nowrap">
              <Title order={3} size="h5">
                {team.name}
              </Title>
              <Button
                size="compact-sm"
                variant="default"
                loading={switchWorkspace.isPending && switchWorkspace.variables === team.workspaceId}
                onClick={() =>
                  switchWorkspace.mutate(team.workspaceId, { onSuccess: () => navigate("/inbox") })
                }
                aria-label={t("training.console.lookInNamed", { team: team.name })}
                data-testid="look-in"
              >
                {t("training.console.lookIn")}
              </Button>
            </Group>
            {team.members.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("training.console.noMembers")}
              </Text>
            ) : (
              <List size="sm" spacing={2}>
                {team.members.map((member) => (
                  <List.Item key={member.userId} data-testid="team-member">
                    {member.name} – {t(`training.role.${member.role}`)}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
