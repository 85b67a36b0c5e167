import { Badge, Group, NativeSelect, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import {
  type IncidentRead,
  IncidentStatus,
  type IncidentUpdate,
  Severity,
} from "../../../src/incidents/incidents.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useMembers } from "../orgs/useMembers.ts";
import { useTopics } from "../topics/useTopics.ts";
import { canEditIncidents } from "./canEditIncidents.ts";
import { severityColor } from "./severityColor.ts";
import { useIncidentAction } from "./useIncidentAction.ts";

/** The incident's severity, status, lead, topic and origin; agents change severity and status here. */
export function IncidentHeader({ incident }: { incident: IncidentRead }) {
  const { t, i18n } = useTranslation();
  const { role } = useCurrentSession();
  const members = useMembers();
  const topics = useTopics();
  const update = useIncidentAction<IncidentUpdate>(incident.id, "PATCH", () => "");
  const editable = canEditIncidents(role);
  const lead = members.data?.find((m) => m.id === incident.leadUserId)?.name;
  const topic = topics.data?.find((x) => x.id === incident.topicId)?.name;
  const colour = severityColor[incident.severity];

  return (
    <Paper withBorder p="md" data-testid="incident-header">
      <Stack gap="sm">
        <ProblemAlert error={update.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {editable ? (
            <NativeSelect
              label={t("incident.header.severity")}
              data={Severity.options.map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
              value={incident.severity}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ severity: Severity.parse(e.currentTarget.value) })}
              data-testid="incident-severity"
            />
          ) : (
            <Group gap="xs">
              <Text size="sm">{t("incident.header.severity")}</Text>
              <Badge color={colour.bg} c={colour.fg} variant="filled">
                {t(`incidents.severityShort.${incident.severity}`)}
              </Badge>
            </Group>
          )}
          {editable ? (
            <NativeSelect
              label={t("incident.header.status")}
              data={IncidentStatus.options.map((s) => ({ value: s, label: t(`incidents.status.${s}`) }))}
              value={incident.status}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ status: IncidentStatus.parse(e.currentTarget.value) })}
              data-testid="incident-status"
            />
          ) : (
            <Text size="sm">
              {t("incident.header.status")}: {t(`incidents.status.${incident.status}`)}
            </Text>
          )}
          <Text size="sm">
            {t("incident.header.lead")}: {lead ?? t("incident.header.noLead")}
          </Text>
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t("incident.header.opened")} {formatDateTime(incident.createdAt, i18n.language)} ·{" "}
          {t("incident.header.source")} {t(`incident.source.${incident.source.kind}`)}
          {topic ? ` · ${t("incident.header.topic")}: ${topic}` : ""}
        </Text>
        {incident.description && (
          <Text size="sm" className="post-text">
            {incident.description}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
