import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { type IncidentSourceKind, Severity } from "../../../src/incidents/incidents.schema.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { canEditIncidents } from "./canEditIncidents.ts";
import { useCreateIncident } from "./useCreateIncident.ts";
import { useIncidentSuggestion } from "./useIncidentSuggestion.ts";

/**
 * Opens an incident from an alert, a post or a conversation: a small dialog prefilled with the title and the
 * severity suggested from the topic's escalation level, then the incident's page.
 */
export function OpenIncidentButton({
  source,
  label,
}: {
  source: { kind: Exclude<IncidentSourceKind, "manual">; id: string };
  /** What the source is called, for the button's accessible name. */
  label?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const { role } = useCurrentSession();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const suggestion = useIncidentSuggestion(source, lang, opened);
  const create = useCreateIncident();
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("sev4");

  useEffect(() => {
    if (suggestion.data) {
      setTitle(suggestion.data.title);
      setSeverity(suggestion.data.severity);
    }
  }, [suggestion.data]);

  if (!canEditIncidents(role)) return null;

  return (
    <>
      <Button
        size="compact-sm"
        variant="default"
        onClick={() => setOpened(true)}
        aria-label={label ? t("incident.open.buttonNamed", { title: label }) : undefined}
        data-testid="open-incident"
      >
        {t("incident.open.button")}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t("incident.open.dialog")}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { title: title.trim() || undefined, severity, source, lang },
              { onSuccess: (incident) => navigate(`/incidents/${incident.id}`) },
            );
          }}
        >
          <Stack gap="sm">
            <ProblemAlert error={suggestion.error ?? create.error} />
            <TextInput
              label={t("incident.open.title")}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              maxLength={300}
              data-testid="open-incident-title"
            />
            <NativeSelect
              label={t("incident.open.severity")}
              data={Severity.options.map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
              value={severity}
              onChange={(e) => setSeverity(Severity.parse(e.currentTarget.value))}
              data-testid="open-incident-severity"
            />
            {suggestion.data?.level !== null && suggestion.data?.level !== undefined && (
              <Text size="sm" c="dimmed">
                {t("incident.open.suggested", { level: suggestion.data.level })}
              </Text>
            )}
            <Group justify="flex-end">
              <Button
                type="submit"
                loading={create.isPending}
                disabled={suggestion.isLoading}
                data-testid="open-incident-confirm"
              >
                {t("incident.open.confirm")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
