import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useIncidentAction } from "./useIncidentAction.ts";

type Template = { key: string; label: { de: string; en: string }; text: { de: string; en: string } };

/** Posts an internal status update from a template (variables filled by the server) on the timeline. */
export function StatusUpdateForm({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const templates = useQuery({
    queryKey: ["incident-status-templates"],
    queryFn: ({ signal }) => api<{ items: Template[] }>("/api/incident-status-templates", { signal }),
    select: (list) => list.items,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const post = useIncidentAction<{ template: string; nextUpdate: string }, { de: string; en: string }>(
    incidentId,
    "POST",
    () => "/status-updates",
  );
  const [template, setTemplate] = useState("situation");
  const [next, setNext] = useState("");

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-status-heading">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          post.mutate({ template, nextUpdate: next });
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="incident-status-heading">
            {t("incident.status.heading")}
          </Title>
          <ProblemAlert error={templates.error ?? post.error} />
          <Group align="flex-end" gap="sm" grow>
            <NativeSelect
              label={t("incident.status.template")}
              data={(templates.data ?? []).map((x) => ({ value: x.key, label: x.label[lang] }))}
              value={template}
              onChange={(e) => setTemplate(e.currentTarget.value)}
              data-testid="status-update-template"
            />
            <TextInput
              label={t("incident.status.next")}
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
              maxLength={100}
            />
          </Group>
          <Button type="submit" size="sm" loading={post.isPending} data-testid="status-update-post">
            {t("incident.status.post")}
          </Button>
          {post.data && (
            <Text size="sm" role="status" className="post-text">
              {post.data[lang]}
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
