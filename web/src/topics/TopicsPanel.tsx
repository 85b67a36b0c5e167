import { Button, Code, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canEditTopics } from "../../../src/orgs/orgs.policy.ts";
import type { TopicRead } from "../../../src/topics/topics.schema.ts";
import { ConfirmButton } from "../app/ConfirmButton.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { TopicForm } from "./TopicForm.tsx";
import { useDeleteTopic } from "./useDeleteTopic.ts";
import { useTopics } from "./useTopics.ts";

/** Settings → Topics: the tracked topics, and (for admins and managers) create, edit, delete. */
export function TopicsPanel() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const editable = canEditTopics(session);
  const topics = useTopics();
  const remove = useDeleteTopic();
  const [editing, setEditing] = useState<TopicRead | undefined>(undefined);
  // Remount the form after each save so it starts empty again.
  const [formKey, setFormKey] = useState(0);

  const done = () => {
    setEditing(undefined);
    setFormKey((k) => k + 1);
  };

  return (
    <Stack gap="md">
      {editable && <TopicForm key={editing?.id ?? `new-${formKey}`} topic={editing} onDone={done} />}
      <ProblemAlert error={topics.error ?? remove.error} />
      {topics.data && topics.data.length === 0 && <Text c="dimmed">{t("topics.empty")}</Text>}
      {topics.data && topics.data.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover>
            <Table.Caption>{t("topics.listCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("topics.name")}</Table.Th>
                <Table.Th scope="col">{t("topics.query")}</Table.Th>
                {editable && <Table.Th scope="col">{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {topics.data.map((topic) => (
                <Table.Tr key={topic.id} data-testid="topic-row" data-topic-id={topic.id}>
                  <Table.Td>
                    <Text fw={500}>{topic.name}</Text>
                    {topic.description && (
                      <Text size="sm" c="dimmed">
                        {topic.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Code style={{ whiteSpace: "pre-wrap" }}>{topic.query}</Code>
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => {
                            setEditing(topic);
                            window.scrollTo({ top: 0, behavior: "smooth" });
                          }}
                          aria-label={t("topics.editNamed", { name: topic.name })}
                          data-testid="topic-edit"
                        >
                          {t("common.edit")}
                        </Button>
                        <ConfirmButton
                          label={t("common.delete")}
                          confirmLabel={t("common.confirmDelete")}
                          ariaLabel={t("topics.deleteNamed", { name: topic.name })}
                          loading={remove.isPending && remove.variables === topic.id}
                          onConfirm={() =>
                            remove.mutate(topic.id, {
                              onSuccess: () => {
                                if (editing?.id === topic.id) done();
                              },
                            })
                          }
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
