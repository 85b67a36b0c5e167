import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { memo, useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { AlertRead, AlertState } from "../../../src/alerts/alerts.schema.ts";
import { formatDateTime, formatRelativeTime } from "../app/formatTime.ts";
import { OpenIncidentButton } from "../incidents/OpenIncidentButton.tsx";
import { mentionsOfPosts } from "../mentions/mentionFilters.ts";
import { AlertDeliveries } from "./AlertDeliveries.tsx";
import { nextAlertStates, severityColour, stateColour } from "./alertDisplay.ts";

/** The button that moves an alert into a state, named by what it does. */
const actionOf: Record<AlertState, "acknowledge" | "resolve" | "reopen"> = {
  acknowledged: "acknowledge",
  resolved: "resolve",
  open: "reopen",
};

interface AlertItemProps {
  alert: AlertRead;
  now: number;
  topicName: string | undefined;
  /** Whether the reader may acknowledge, resolve and reopen. */
  canHandle: boolean;
  /** The state the alert is being moved to right now, if any. */
  pendingState: AlertState | undefined;
  onChangeState: (alert: AlertRead, state: AlertState) => void;
}

/** One alert: severity, title and why in the UI language, topic, when, how often, deliveries, actions and its posts. */
export const AlertItem = memo(function AlertItem({
  alert,
  now,
  topicName,
  canHandle,
  pendingState,
  onChangeState,
}: AlertItemProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const lang = i18n.language;
  const uiLang = lang.startsWith("de") ? "de" : "en";
  const title = alert.title[uiLang];
  const colour = severityColour[alert.severity];
  const when = (iso: string) => (
    <time dateTime={iso} title={formatDateTime(iso, lang)}>
      {formatRelativeTime(iso, now, lang)}
    </time>
  );

  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      aria-labelledby={headingId}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-state={alert.state}
      data-severity={alert.severity}
      data-trigger={alert.trigger}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
          <Group gap="xs" wrap="wrap">
            <Badge color={colour.bg} c={colour.fg} variant="filled">
              {t(`alerts.severity.${alert.severity}`)}
            </Badge>
            <Title order={2} size="h5" id={headingId}>
              {title}
            </Title>
          </Group>
          <Badge variant="outline" color={stateColour[alert.state]} data-testid="alert-state">
            {t(`alerts.state.${alert.state}`)}
          </Badge>
        </Group>
        <Text size="sm" className="post-text">
          {alert.explanation[uiLang]}
        </Text>
        <Text size="sm" c="dimmed">
          {topicName ?? (alert.topicId ? t("alerts.deletedTopic") : t("alerts.allTopics"))}
          {" · "}
          {t("alerts.raised")} {when(alert.createdAt)}
          {alert.occurrences > 1 && (
            <>
              {" · "}
              {t("alerts.occurrences", { count: alert.occurrences })}, {t("alerts.lastSeen")}{" "}
              {when(alert.lastSeenAt)}
            </>
          )}
          {alert.acknowledgedAt && (
            <>
              {" · "}
              {t("alerts.acknowledgedAt")} {when(alert.acknowledgedAt)}
            </>
          )}
        </Text>
        <AlertDeliveries deliveries={alert.deliveries} now={now} />
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            {canHandle &&
              nextAlertStates(alert.state).map((state) => (
                <Button
                  key={state}
                  size="compact-sm"
                  variant={state === "acknowledged" ? "filled" : "default"}
                  loading={pendingState === state}
                  disabled={pendingState !== undefined && pendingState !== state}
                  onClick={() => onChangeState(alert, state)}
                  aria-label={t(`alerts.actions.${actionOf[state]}Named`, { title })}
                  data-testid={`alert-${actionOf[state]}`}
                >
                  {t(`alerts.actions.${actionOf[state]}`)}
                </Button>
              ))}
            <OpenIncidentButton source={{ kind: "alert", id: alert.id }} label={title} />
          </Group>
          <Group gap="md">
            {alert.link && (
              <Anchor component={Link} to={alert.link} size="sm" data-testid="alert-link">
                {t(alert.trigger === "report_digest" ? "alerts.openReport" : "alerts.openCause")}
              </Anchor>
            )}
            {alert.postIds.length > 0 && (
              <Anchor
                component={Link}
                to={mentionsOfPosts(alert.postIds)}
                size="sm"
                data-testid="alert-posts"
              >
                {t("alerts.showPosts", { count: alert.postIds.length })}
              </Anchor>
            )}
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
});
