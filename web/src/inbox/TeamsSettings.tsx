import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useMembers } from "../orgs/useMembers.ts";
import { useDeleteInboxTeam } from "./useDeleteInboxTeam.ts";
import { useInboxTeams } from "./useInboxTeams.ts";
import { useSaveInboxTeam } from "./useSaveInboxTeam.ts";

/** Teams conversations can be assigned to: name and members. */
export function TeamsSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const teams = useInboxTeams();
  const members = useMembers().data ?? [];
  const save = useSaveInboxTeam();
  const remove = useDeleteInboxTeam();
  const [name, setName] = useState("");
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const fieldError = (field: string) =>
    save.error instanceof ApiError ? save.error.fieldError(field) : undefined;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="inbox-teams-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="inbox-teams-title">
          {t("inbox.settings.teamsTitle")}
        </Title>
        {teams.data?.length === 0 && <Text c="dimmed">{t("inbox.settings.noTeams")}</Text>}
        {teams.data && teams.data.length > 0 && (
          <Table>
            <Table.Caption>{t("inbox.settings.teamsTitle")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("inbox.settings.teamName")}</Table.Th>
                <Table.Th scope="col">{t("inbox.settings.teamMembers")}</Table.Th>
                {editable && <Table.Th scope="col" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.map((team) => (
                <Table.Tr key={team.id}>
                  <Table.Td>{team.name}</Table.Td>
                  <Table.Td>{team.memberIds.map((id) => nameOf.get(id) ?? id).join(", ")}</Table.Td>
                  {editable && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red.8"
                        aria-label={t("inbox.settings.deleteTeam", { name: team.name })}
                        onClick={() => remove.mutate(team.id)}
                      >
                        ×
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {editable && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(
                { name, memberIds },
                {
                  onSuccess: () => {
                    setName("");
                    setMemberIds([]);
                  },
                },
              );
            }}
          >
            <Group gap="sm" align="flex-end">
              <TextInput
                label={t("inbox.settings.teamName")}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fieldError("name")}
                maxLength={100}
              />
              <MultiSelect
                label={t("inbox.settings.teamMembers")}
                data={members.map((m) => ({ value: m.id, label: m.name }))}
                value={memberIds}
                onChange={setMemberIds}
                searchable
                miw={260}
              />
              <Button type="submit" loading={save.isPending} disabled={name.trim() === ""}>
                {t("inbox.settings.addTeam")}
              </Button>
            </Group>
          </form>
        )}
        <ProblemAlert error={teams.error ?? save.error ?? remove.error} />
      </Stack>
    </Paper>
  );
}
