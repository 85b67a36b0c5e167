import { Accordion, Badge, Button, Group, List, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canEditPlaybooks } from "../../../src/incidents/incidents.policy.ts";
import type { PlaybookRead } from "../../../src/playbooks/playbooks.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { PlaybookEditor } from "./PlaybookEditor.tsx";
import { PlaybookSteps } from "./PlaybookSteps.tsx";
import { usePlaybooks } from "./usePlaybooks.ts";
import { usePlaybookVersions } from "./usePlaybookVersions.ts";

/** Playbooks per risk: the latest version's steps, editing (managers and admins) and the version history. */
export function PlaybooksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const playbooks = usePlaybooks();
  const { role } = useCurrentSession();
  const canEdit = canEditPlaybooks({ role });
  const [open, setOpen] = useState<string | null>(null);

  return (
    <Page title={t("playbooks.title")}>
      <Text>{t("playbooks.intro")}</Text>
      <ProblemAlert error={playbooks.error} />
      <Accordion value={open} onChange={setOpen} variant="separated">
        {(playbooks.data ?? []).map((playbook) => (
          <Accordion.Item
            key={playbook.id}
            value={playbook.id}
            data-testid="playbook-item"
            data-key={playbook.key}
          >
            <Accordion.Control>
              <Group gap="xs">
                <Text fw={600}>{playbook.title[lang]}</Text>
                <Badge variant="outline">
                  {t("playbooks.version", { version: playbook.latest.version })}
                </Badge>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              {open === playbook.id && <PlaybookDetail playbook={playbook} canEdit={canEdit} />}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Page>
  );
}

function PlaybookDetail({ playbook, canEdit }: { playbook: PlaybookRead; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const versions = usePlaybookVersions(playbook.id, true);
  if (editing) return <PlaybookEditor playbook={playbook} onDone={() => setEditing(false)} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h5">
          {t("playbooks.steps", { version: playbook.latest.version })}
        </Title>
        {canEdit && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)} data-testid="playbook-edit">
            {t("playbooks.edit")}
          </Button>
        )}
      </Group>
      <PlaybookSteps steps={playbook.latest.steps} />
      <Title order={3} size="h6">
        {t("playbooks.history")}
      </Title>
      <ProblemAlert error={versions.error} />
      <List size="sm">
        {(versions.data ?? []).map((v) => (
          <List.Item key={v.id}>
            {t("playbooks.version", { version: v.version })} –{" "}
            {t("playbooks.createdBy", { who: v.createdBy, when: formatDateTime(v.createdAt, i18n.language) })}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
