import { Button, Center, Group, Loader, SegmentedControl, Stack, Text } from "@mantine/core";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import type { AlertRead, AlertState } from "../../../src/alerts/alerts.schema.ts";
import { canHandleAlerts } from "../../../src/orgs/orgs.policy.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useTopicNames } from "../topics/useTopicNames.ts";
import { AlertItem } from "./AlertItem.tsx";
import { alertStateFilterFromSearch, alertStateFilters, sortAlerts } from "./alertDisplay.ts";
import { useAlerts } from "./useAlerts.ts";
import { useUpdateAlert } from "./useUpdateAlert.ts";

/** Alerts: newest first, filtered by state (in the URL), polled every 10 s; agents and above acknowledge and resolve. */
export function AlertsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = alertStateFilterFromSearch(params);
  const alerts = useAlerts(filter === "all" ? undefined : filter);
  const update = useUpdateAlert();
  const canHandle = canHandleAlerts(useCurrentSession());
  const topicNames = useTopicNames();
  const now = useNow(30_000);
  const items = useMemo(
    () => sortAlerts(alerts.data?.pages.flatMap((page) => page.items) ?? []),
    [alerts.data],
  );
  const openCount = alerts.data?.pages[0]?.openCount;
  const changing = update.isPending ? update.variables : undefined;
  const changeState = useCallback(
    (alert: AlertRead, state: AlertState) => update.mutate({ id: alert.id, state }),
    [update.mutate],
  );

  return (
    <Page
      title={t("alerts.title")}
      actions={
        <SegmentedControl
          aria-label={t("alerts.filterLabel")}
          value={filter}
          onChange={(value) => setParams(value === "all" ? {} : { state: value }, { replace: true })}
          data={alertStateFilters.map((f) => ({ value: f, label: t(`alerts.filters.${f}`) }))}
          data-testid="alert-state-filter"
        />
      }
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" aria-live="polite" data-testid="alert-open-count">
          {openCount === undefined ? "" : t("alerts.openCount", { count: openCount })}
        </Text>
        {!canHandle && (
          <Text size="sm" c="dimmed">
            {t("alerts.readOnly")}
          </Text>
        )}
      </Group>
      <ProblemAlert error={alerts.error ?? update.error} />
      {alerts.isPending && (
        <Center py="xl">
          <Loader aria-label={t("common.loading")} />
        </Center>
      )}
      {alerts.isSuccess && items.length === 0 && (
        <Text c="dimmed" data-testid="alerts-empty">
          {filter === "all" ? t("alerts.empty") : t("alerts.emptyFiltered")}
        </Text>
      )}
      <Stack gap="sm" component="section" aria-label={t("alerts.listLabel")} data-testid="alert-list">
        {items.map((alert) => (
          <AlertItem
            key={alert.id}
            alert={alert}
            now={now}
            topicName={alert.topicId ? topicNames.get(alert.topicId) : undefined}
            canHandle={canHandle}
            pendingState={changing?.id === alert.id ? changing.state : undefined}
            onChangeState={changeState}
          />
        ))}
      </Stack>
      {alerts.hasNextPage && (
        <Center>
          <Button
            variant="default"
            onClick={() => void alerts.fetchNextPage()}
            loading={alerts.isFetchingNextPage}
            data-testid="alerts-load-older"
          >
            {t("alerts.loadOlder")}
          </Button>
        </Center>
      )}
    </Page>
  );
}
