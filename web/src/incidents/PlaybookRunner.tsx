import { Button, Group, NativeSelect, Paper, Stack, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { usePlaybooks } from "../playbooks/usePlaybooks.ts";
import { useIncidentAction } from "./useIncidentAction.ts";

/** Runs a playbook's latest version on the incident; the select's values are the playbooks' keys. */
export function PlaybookRunner({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const playbooks = usePlaybooks();
  const run = useIncidentAction<{ playbookId: string }>(incidentId, "POST", () => "/playbook-runs");
  const [key, setKey] = useState("");
  const chosen = playbooks.data?.find((p) => p.key === key);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-playbook-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="incident-playbook-heading">
          {t("incident.playbook.heading")}
        </Title>
        <ProblemAlert error={playbooks.error ?? run.error} />
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t("incident.playbook.select")}
            data={[
              { value: "", label: "–" },
              ...(playbooks.data ?? []).map((p) => ({
                value: p.key,
                label: `${p.title[lang]} (v${p.latest.version})`,
              })),
            ]}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            data-testid="playbook-select"
          />
          <Button
            disabled={!chosen}
            loading={run.isPending}
            onClick={() => chosen && run.mutate({ playbookId: chosen.id })}
            data-testid="playbook-run"
          >
            {t("incident.playbook.run")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
