import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { clockCountdown } from "./clockCountdown.ts";
import { severityColor } from "./severityColor.ts";
import { useIncidentFigures } from "./useIncidentFigures.ts";

/** The Overview's figures on open incidents: counts by severity and status, the oldest, overdue tasks, clocks due soonest. */
export function IncidentFiguresCard() {
  const { t, i18n } = useTranslation();
  const figures = useIncidentFigures();
  const now = useNow(60_000);
  const data = figures.data;

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="incident-figures-title"
      data-testid="incident-figures"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="incident-figures-title">
          {t("incident.figures.heading")}
        </Title>
        <ProblemAlert error={figures.error} />
        {data && data.open.length === 0 && <Text c="dimmed">{t("incident.figures.none")}</Text>}
        {data && data.open.length > 0 && (
          <Table>
            <Table.Caption>{t("incident.figures.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("incidents.fields.severity")}</Table.Th>
                <Table.Th scope="col">{t("incidents.fields.status")}</Table.Th>
                <Table.Th scope="col">{t("incident.figures.count")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.open.map((row) => (
                <Table.Tr key={`${row.severity}-${row.status}`}>
                  <Table.Td>
                    <Badge
                      color={severityColor[row.severity].bg}
                      c={severityColor[row.severity].fg}
                      variant="filled"
                    >
                      {t(`incidents.severityShort.${row.severity}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{t(`incidents.status.${row.status}`)}</Table.Td>
                  <Table.Td>{row.count}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {data?.oldestOpen && (
          <Text size="sm">
            <Anchor component={Link} to={`/incidents/${data.oldestOpen.id}`}>
              {t("incident.figures.oldest", { title: data.oldestOpen.title })}
            </Anchor>{" "}
            ({formatDateTime(data.oldestOpen.createdAt, i18n.language)})
          </Text>
        )}
        {data && <Text size="sm">{t("incident.figures.overdue", { count: data.tasksOverdue })}</Text>}
        {data && data.clocksSoonest.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t("incident.figures.clocks")}
            </Text>
            {data.clocksSoonest.map((clock) => (
              <Group key={`${clock.incidentId}-${clock.kind}`} gap="xs">
                <Anchor component={Link} to={`/incidents/${clock.incidentId}`} size="sm">
                  {clock.incidentTitle}
                </Anchor>
                <Text size="sm">
                  {t(`incident.clocks.kinds.${clock.kind}`)} –{" "}
                  {clockCountdown(clock.dueAt, now)
                    ? t("incident.clocks.left", { time: clockCountdown(clock.dueAt, now) })
                    : t("incident.clocks.expired")}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
