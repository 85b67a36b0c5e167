import { Box, Button, Group, Paper, SimpleGrid, Stack, Switch, Text, Title } from "@mantine/core";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectorRead } from "../../../src/connectors/connectors.schema.ts";
import { ConfirmButton } from "../app/ConfirmButton.tsx";
import { formatDateTime, formatRelativeTime } from "../app/formatTime.ts";
import { healthHintKey, healthLabelKey, needsFix, nextRun } from "./connectorHealth.ts";
import { HealthBadge } from "./HealthBadge.tsx";
import type { ConnectorKind } from "./useConnectorKinds.ts";
import type { PollResult } from "./usePollConnector.ts";
import { WebhookEndpoint } from "./WebhookEndpoint.tsx";

/** The outcome of the last "Poll now": what the API answered, or why the call failed. */
export type PollOutcome = { ok: true; result: PollResult } | { ok: false; error: string };

interface ConnectorCardProps {
  connector: ConnectorRead;
  /** Its kind as the installation offers it; undefined when the kind is no longer offered. */
  kind: ConnectorKind | undefined;
  now: number;
  /** Whether the reader may switch, poll, edit and delete it (admins). */
  editable: boolean;
  toggling: boolean;
  polling: boolean;
  deleting: boolean;
  pollOutcome: PollOutcome | undefined;
  onToggle: (enabled: boolean) => void;
  onPoll: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

/** One figure of the card: a term and its value in the card's description list. */
function Figure({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {term}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

/** One connector: name, kind, on/off, health, last success, last error, posts delivered, next run and the admin actions. */
export function ConnectorCard({
  connector,
  kind,
  now,
  editable,
  toggling,
  polling,
  deleting,
  pollOutcome,
  onToggle,
  onPoll,
  onEdit,
  onDelete,
}: ConnectorCardProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const lang = i18n.language;
  const uiLang = lang.startsWith("de") ? "de" : "en";
  const { health } = connector;
  const next = nextRun(connector, kind?.pollSeconds);
  const when = (iso: string) => (
    <time dateTime={iso} title={formatDateTime(iso, lang)}>
      {formatRelativeTime(iso, now, lang)}
    </time>
  );
  const hintKey = healthHintKey(health.state, next);

  return (
    <Paper
      component="article"
      withBorder
      p="md"
      aria-labelledby={headingId}
      data-testid="connector-item"
      data-connector-id={connector.id}
      data-kind={connector.kind}
      data-state={health.state}
      data-enabled={connector.enabled}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Group gap="xs" wrap="wrap">
              <Title order={3} size="h5" id={headingId} style={{ overflowWrap: "anywhere" }}>
                {connector.name}
              </Title>
              <HealthBadge state={health.state} push={next.kind === "push"} />
            </Group>
            <Text size="sm" c="dimmed" data-testid="connector-kind-title">
              {kind ? kind.title[uiLang] : t("connectors.unknownKind", { kind: connector.kind })}
            </Text>
          </Stack>
          {editable ? (
            <Switch
              label={connector.enabled ? t("connectors.on") : t("connectors.off")}
              checked={connector.enabled}
              disabled={toggling}
              onChange={(e) => onToggle(e.currentTarget.checked)}
              aria-label={t("connectors.enabledNamed", { name: connector.name })}
              data-testid="connector-toggle"
            />
          ) : (
            <Text size="sm">{connector.enabled ? t("connectors.on") : t("connectors.off")}</Text>
          )}
        </Group>
        {hintKey && (
          <Text
            size="sm"
            c={needsFix(health.state) ? "red.9" : undefined}
            data-testid="connector-health-hint"
          >
            {t(hintKey)}
          </Text>
        )}
        <SimpleGrid component="dl" cols={{ base: 1, xs: 3 }} spacing="sm" m={0}>
          <Figure term={t("connectors.figures.lastSuccess")}>
            <span data-testid="connector-last-success">
              {health.lastSuccessAt ? when(health.lastSuccessAt) : t("connectors.never")}
            </span>
          </Figure>
          <Figure term={t("connectors.figures.postsTotal")}>
            <span data-testid="connector-posts-total" data-count={health.postsTotal}>
              {health.postsTotal.toLocaleString(lang)}
            </span>
          </Figure>
          <Figure term={t("connectors.figures.nextRun")}>
            <span data-testid="connector-next-run">
              {next.kind === "paused"
                ? t("connectors.paused")
                : next.kind === "push"
                  ? t("connectors.push")
                  : next.kind === "live"
                    ? t("connectors.liveNow")
                    : Date.parse(next.at) <= now
                      ? t("connectors.due")
                      : when(next.at)}
            </span>
          </Figure>
        </SimpleGrid>
        {health.lastError && (
          <Box data-testid="connector-last-error">
            <Text size="sm" fw={500}>
              {t("connectors.lastError")}
              {health.lastErrorAt && <> ({when(health.lastErrorAt)})</>}
              {health.consecutiveErrors > 0 && (
                <> · {t("connectors.consecutiveErrors", { count: health.consecutiveErrors })}</>
              )}
            </Text>
            {/* The platform's answer is quoted as text, never as HTML. */}
            <Text size="sm" c={needsFix(health.state) ? "red.9" : undefined} className="post-text">
              {health.lastError}
            </Text>
          </Box>
        )}
        {connector.kind === "webhook" && <WebhookEndpoint connectorId={connector.id} />}
        {editable && (
          <Group gap="xs" wrap="wrap">
            {kind?.pollSeconds !== 0 && (
              <Button
                size="compact-sm"
                variant="default"
                loading={polling}
                onClick={onPoll}
                aria-label={t("connectors.pollNamed", { name: connector.name })}
                data-testid="connector-poll"
              >
                {t("connectors.poll")}
              </Button>
            )}
            <Button
              size="compact-sm"
              variant="default"
              onClick={onEdit}
              aria-label={t("connectors.editNamed", { name: connector.name })}
              data-testid="connector-edit"
            >
              {t("common.edit")}
            </Button>
            <ConfirmButton
              label={t("common.delete")}
              confirmLabel={t("common.confirmDelete")}
              ariaLabel={t("connectors.deleteNamed", { name: connector.name })}
              loading={deleting}
              onConfirm={onDelete}
            />
          </Group>
        )}
        {pollOutcome && <PollOutcomeText outcome={pollOutcome} />}
      </Stack>
    </Paper>
  );
}

/** What the last "Poll now" brought: new posts and the state, or the error (quoted as text). */
function PollOutcomeText({ outcome }: { outcome: PollOutcome }) {
  const { t } = useTranslation();
  const ok = outcome.ok && outcome.result.health.state === "ok";
  let message: string;
  if (!outcome.ok) message = t("connectors.pollError", { error: outcome.error });
  else if (ok) {
    message = t("connectors.pollResult", {
      count: outcome.result.posts,
      state: t(healthLabelKey(outcome.result.health.state)),
    });
  } else {
    message = t("connectors.pollFailed", {
      state: t(healthLabelKey(outcome.result.health.state)),
      error: outcome.result.health.lastError ?? "",
    });
  }
  return (
    <Text
      size="sm"
      c={ok ? "teal.9" : "red.9"}
      role="status"
      className="post-text"
      data-testid="connector-poll-result"
      data-ok={ok}
    >
      {message}
    </Text>
  );
}
