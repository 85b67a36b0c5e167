import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TaskCreate, TaskRead, TaskUpdate } from "../../../src/incidents/incidents.work.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useMembers } from "../orgs/useMembers.ts";
import { useIncidentAction } from "./useIncidentAction.ts";
import { useIncidentPart } from "./useIncidentPart.ts";

/** The incident's tasks with owner role, due time (overdue marked), checklist ticks and "done"; new tasks by hand. */
export function IncidentTasks({ incidentId, editable }: { incidentId: string; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const tasks = useIncidentPart<TaskRead>(incidentId, "tasks");
  const update = useIncidentAction<{ taskId: string; changes: TaskUpdate }>(
    incidentId,
    "PATCH",
    (v) => `/tasks/${encodeURIComponent(v.taskId)}`,
    (v) => v.changes,
  );
  const create = useIncidentAction<TaskCreate>(incidentId, "POST", () => "/tasks");
  const [title, setTitle] = useState("");
  const members = useMembers();
  const owners = [
    { value: "", label: t("incident.roles.none") },
    ...(members.data ?? []).filter((m) => m.role !== "viewer").map((m) => ({ value: m.id, label: m.name })),
  ];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-tasks-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="incident-tasks-heading">
          {t("incident.tasks.heading")}
        </Title>
        <ProblemAlert error={tasks.error ?? update.error ?? create.error} />
        {tasks.data && tasks.data.length === 0 && <Text c="dimmed">{t("incident.tasks.empty")}</Text>}
        {(tasks.data ?? []).map((task) => (
          <Paper
            key={task.id}
            withBorder
            p="sm"
            component="article"
            data-testid="incident-task"
            data-status={task.status}
            data-overdue={task.overdue}
          >
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600} td={task.status === "done" ? "line-through" : undefined}>
                  {task.title[lang]}
                </Text>
                <Group gap="xs">
                  {task.role && <Badge variant="outline">{t(`incident.roles.${task.role}`)}</Badge>}
                  {task.overdue && (
                    <Badge color="red.9" c="white" variant="filled">
                      {t("incident.tasks.overdue")}
                    </Badge>
                  )}
                  {task.status === "done" && <Badge color="green.9">{t("incident.tasks.done")}</Badge>}
                </Group>
              </Group>
              {task.dueAt && (
                <Text size="sm" c="dimmed">
                  {t("incident.tasks.due")}: {formatDateTime(task.dueAt, i18n.language)}
                </Text>
              )}
              {task.checklist.map((item, index) => (
                <Checkbox
                  // biome-ignore lint/suspicious/noArrayIndexKey: checklist items are addressed by position
                  key={index}
                  label={item.text[lang]}
                  checked={item.done}
                  disabled={!editable || update.isPending}
                  onChange={(e) =>
                    update.mutate({
                      taskId: task.id,
                      changes: { check: { index, done: e.currentTarget.checked } },
                    })
                  }
                  data-testid="incident-task-check"
                />
              ))}
              {task.evidenceHint && (
                <Text size="sm">
                  {t("incident.tasks.evidence")}: {task.evidenceHint[lang]}
                </Text>
              )}
              {task.replyTemplates.length > 0 && (
                <Stack gap={2}>
                  <Text size="sm" fw={500}>
                    {t("incident.tasks.templates")}
                  </Text>
                  {task.replyTemplates.map((template) => (
                    <Text key={template[lang]} size="sm" className="post-text" c="dimmed">
                      {template[lang]}
                    </Text>
                  ))}
                </Stack>
              )}
              {editable && (
                <Group align="flex-end">
                  <NativeSelect
                    size="xs"
                    label={t("incident.tasks.owner")}
                    data={owners}
                    value={task.ownerUserId ?? ""}
                    disabled={update.isPending}
                    onChange={(e) =>
                      update.mutate({
                        taskId: task.id,
                        changes: { ownerUserId: e.currentTarget.value || null },
                      })
                    }
                  />
                  <Button
                    size="compact-sm"
                    variant="default"
                    loading={update.isPending && update.variables?.taskId === task.id}
                    onClick={() =>
                      update.mutate({
                        taskId: task.id,
                        changes: { status: task.status === "done" ? "open" : "done" },
                      })
                    }
                    aria-label={
                      task.status === "done"
                        ? t("incident.tasks.reopen")
                        : t("incident.tasks.markDoneNamed", { title: task.title[lang] })
                    }
                    data-testid="incident-task-done"
                  >
                    {task.status === "done" ? t("incident.tasks.reopen") : t("incident.tasks.markDone")}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        ))}
        {editable && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (title.trim())
                create.mutate({ title: title.trim(), checklist: [] }, { onSuccess: () => setTitle("") });
            }}
          >
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t("incident.tasks.new")}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                maxLength={300}
                data-testid="incident-task-title"
              />
              <Button type="submit" size="sm" variant="default" loading={create.isPending}>
                {t("incident.tasks.add")}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
