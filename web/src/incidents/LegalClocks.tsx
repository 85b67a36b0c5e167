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
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canChangeIncidentSettings } from "../../../src/incidents/incidents.policy.ts";
import type { IncidentSettings } from "../../../src/incidents/incidents.schema.ts";
import { type ClockCreate, ClockKind, type ClockRead } from "../../../src/incidents/incidents.work.schema.ts";
import { api } from "../app/api.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { clockCountdown } from "./clockCountdown.ts";
import { useIncidentAction } from "./useIncidentAction.ts";
import { useIncidentPart } from "./useIncidentPart.ts";

const settingsKey = ["incident-settings"] as const;

/** Legal clocks (§ 77b StGB, GDPR Art. 33, NIS2) with a countdown; start one by hand, mark it met. */
export function LegalClocks({ incidentId, editable }: { incidentId: string; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const now = useNow(30_000);
  const { role } = useCurrentSession();
  const clocks = useIncidentPart<ClockRead>(incidentId, "clocks", 30_000);
  const start = useIncidentAction<ClockCreate>(incidentId, "POST", () => "/clocks");
  const markMet = useIncidentAction<{ clockId: string }>(
    incidentId,
    "PATCH",
    (v) => `/clocks/${encodeURIComponent(v.clockId)}`,
    () => ({ status: "met" }),
  );
  const restart = useIncidentAction<{ clockId: string; startedAt: string }>(
    incidentId,
    "PATCH",
    (v) => `/clocks/${encodeURIComponent(v.clockId)}`,
    (v) => ({ startedAt: v.startedAt }),
  );
  const [starts, setStarts] = useState<Record<string, string>>({});
  const [kind, setKind] = useState<ClockKind>("stgb_77b");
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api<IncidentSettings>("/api/incident-settings", { signal }),
  });
  const saveSettings = useMutation({
    mutationFn: (body: IncidentSettings) =>
      api<IncidentSettings>("/api/incident-settings", { method: "PUT", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKey }),
  });
  const manager = canChangeIncidentSettings({ role });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-clocks-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="incident-clocks-heading">
          {t("incident.clocks.heading")}
        </Title>
        <ProblemAlert
          error={clocks.error ?? start.error ?? markMet.error ?? restart.error ?? saveSettings.error}
        />
        {clocks.data && clocks.data.length === 0 && <Text c="dimmed">{t("incident.clocks.empty")}</Text>}
        {(clocks.data ?? []).map((clock) => {
          const left = clockCountdown(clock.dueAt, now);
          return (
            <Paper key={clock.id} withBorder p="sm" data-testid="legal-clock" data-status={clock.status}>
              <Stack gap={4}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Text fw={600}>{clock.label[lang]}</Text>
                  {clock.status === "met" ? (
                    <Badge color="green.9">{t("incident.clocks.met")}</Badge>
                  ) : left ? (
                    <Badge color={clock.status === "running" ? "blue.9" : "red.9"} c="white" variant="filled">
                      {t("incident.clocks.left", { time: left })}
                    </Badge>
                  ) : (
                    <Badge color="red.9" c="white" variant="filled">
                      {t("incident.clocks.expired")}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {t("incident.clocks.startedAt")}: {formatDateTime(clock.startedAt, i18n.language)} ·{" "}
                  {t("incident.clocks.due", { when: formatDateTime(clock.dueAt, i18n.language) })}
                </Text>
                {editable && clock.status !== "met" && (
                  <Group align="flex-end">
                    <TextInput
                      size="xs"
                      type="datetime-local"
                      label={t("incident.clocks.correctStart")}
                      value={starts[clock.id] ?? ""}
                      onChange={(e) => setStarts({ ...starts, [clock.id]: e.currentTarget.value })}
                    />
                    <Button
                      size="compact-sm"
                      variant="default"
                      disabled={!starts[clock.id]}
                      loading={restart.isPending}
                      onClick={() => {
                        const local = starts[clock.id];
                        // datetime-local is the reader's local time; the API takes an absolute instant.
                        if (local)
                          restart.mutate({ clockId: clock.id, startedAt: new Date(local).toISOString() });
                      }}
                    >
                      {t("incident.clocks.saveStart")}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      loading={markMet.isPending}
                      onClick={() => markMet.mutate({ clockId: clock.id })}
                    >
                      {t("incident.clocks.markMet")}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Paper>
          );
        })}
        {editable && (
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t("incident.clocks.kind")}
              data={ClockKind.options.map((k) => ({ value: k, label: t(`incident.clocks.kinds.${k}`) }))}
              value={kind}
              onChange={(e) => setKind(ClockKind.parse(e.currentTarget.value))}
            />
            <Button variant="default" loading={start.isPending} onClick={() => start.mutate({ kind })}>
              {t("incident.clocks.start")}
            </Button>
          </Group>
        )}
        {manager && settings.data && (
          <Checkbox
            label={t("incident.clocks.nis2")}
            checked={settings.data.nis2InScope}
            disabled={saveSettings.isPending}
            onChange={(e) => saveSettings.mutate({ nis2InScope: e.currentTarget.checked })}
          />
        )}
      </Stack>
    </Paper>
  );
}
