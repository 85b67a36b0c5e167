import { Anchor, Badge, NativeSelect, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { IncidentStatus } from "../../../src/incidents/incidents.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { canEditIncidents } from "./canEditIncidents.ts";
import { IncidentForm } from "./IncidentForm.tsx";
import { severityColor } from "./severityColor.ts";
import { useIncidents } from "./useIncidents.ts";
import { useUpdateIncident } from "./useUpdateIncident.ts";

/** Incidents: open one by hand, see all with severity and status (active first), change the status. */
export function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const incidents = useIncidents();
  const update = useUpdateIncident();
  const editable = canEditIncidents(useCurrentSession().role);

  return (
    <Page title={t("incidents.title")}>
      {editable && <IncidentForm />}
      <ProblemAlert error={incidents.error ?? update.error} />
      {incidents.data && incidents.data.length === 0 && <Text c="dimmed">{t("incidents.empty")}</Text>}
      {incidents.data && incidents.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Caption>{t("incidents.listCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("incidents.fields.severity")}</Table.Th>
                <Table.Th scope="col">{t("incidents.fields.title")}</Table.Th>
                <Table.Th scope="col">{t("incidents.fields.createdAt")}</Table.Th>
                <Table.Th scope="col">{t("incidents.fields.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {incidents.data.map((incident) => (
                <Table.Tr key={incident.id} data-testid="incident-row" data-status={incident.status}>
                  <Table.Td>
                    <Badge
                      color={severityColor[incident.severity].bg}
                      c={severityColor[incident.severity].fg}
                      variant="filled"
                    >
                      {t(`incidents.severityShort.${incident.severity}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Anchor
                        component={Link}
                        to={`/incidents/${incident.id}`}
                        fw={500}
                        data-testid="incident-link"
                      >
                        {incident.title}
                      </Anchor>
                      {incident.description && (
                        <Text size="sm" c="dimmed" className="post-text" lineClamp={3}>
                          {incident.description}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{formatDateTime(incident.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    {editable ? (
                      <NativeSelect
                        size="xs"
                        aria-label={t("incidents.statusOf", { title: incident.title })}
                        data={IncidentStatus.options.map((s) => ({
                          value: s,
                          label: t(`incidents.status.${s}`),
                        }))}
                        value={incident.status}
                        disabled={update.isPending && update.variables?.id === incident.id}
                        onChange={(e) =>
                          update.mutate({
                            id: incident.id,
                            changes: { status: IncidentStatus.parse(e.currentTarget.value) },
                          })
                        }
                        data-testid="incident-status"
                      />
                    ) : (
                      t(`incidents.status.${incident.status}`)
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
