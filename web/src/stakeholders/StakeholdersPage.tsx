import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { canEditStakeholders } from "../../../src/orgs/orgs.policy.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { StakeholderFigures } from "./StakeholderFigures.tsx";
import { StakeholderFiltersBar } from "./StakeholderFiltersBar.tsx";
import { StakeholderForm } from "./StakeholderForm.tsx";
import { StakeholderTable } from "./StakeholderTable.tsx";
import {
  countByGroup,
  defaultView,
  filterStakeholders,
  isFiltered,
  type StakeholderView,
  sortStakeholders,
  viewFromSearch,
  viewToSearch,
} from "./stakeholderView.ts";
import { summarizeStakeholders } from "./summarizeStakeholders.ts";
import { useRemoveStakeholder } from "./useRemoveStakeholder.ts";
import { useStakeholders } from "./useStakeholders.ts";

/**
 * The stakeholder map: who is speaking, which group, friend or foe, how influential, and what each account
 * posted in the last 7 days. Filters and order are in the URL; managers and admins add, change and remove.
 */
export function StakeholdersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromSearch(params), [params]);
  const setView = useCallback(
    (next: StakeholderView) => setParams(viewToSearch(next), { replace: true }),
    [setParams],
  );
  const now = useNow(30_000);
  const stakeholders = useStakeholders();
  const remove = useRemoveStakeholder();
  const editable = canEditStakeholders(useCurrentSession());
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | undefined>(undefined);

  const all = stakeholders.data;
  const summary = useMemo(() => (all ? summarizeStakeholders(all) : undefined), [all]);
  const groupCounts = useMemo(() => countByGroup(all ?? []), [all]);
  const shown = useMemo(
    () => (all ? sortStakeholders(filterStakeholders(all, view), view.sort) : []),
    [all, view],
  );

  return (
    <Page
      title={t("stakeholders.title")}
      actions={
        editable && (
          <Button
            variant={adding ? "default" : "filled"}
            onClick={() => setAdding((open) => !open)}
            aria-expanded={adding}
            aria-controls="stakeholder-form"
            data-testid="stakeholder-add"
          >
            {adding ? t("stakeholders.form.close") : t("stakeholders.form.open")}
          </Button>
        )
      }
    >
      <Stack gap={4} maw={820}>
        <Text>{t("stakeholders.intro")}</Text>
        <Text size="sm" c="dimmed">
          {t("stakeholders.escalationNote")}
        </Text>
        {!editable && (
          <Text size="sm" c="dimmed" data-testid="stakeholder-read-only">
            {t("stakeholders.readOnly")}
          </Text>
        )}
      </Stack>
      <ProblemAlert error={stakeholders.error ?? remove.error} />
      {!stakeholders.error && <StakeholderFigures summary={summary} />}
      {editable && adding && (
        <div id="stakeholder-form">
          <StakeholderForm />
        </div>
      )}
      <Stack gap="sm" component="section" aria-labelledby="stakeholder-map-title">
        <Title order={2} size="h4" id="stakeholder-map-title">
          {t("stakeholders.mapTitle")}
        </Title>
        <StakeholderFiltersBar view={view} groupCounts={groupCounts} onChange={setView} />
        {all && (
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="stakeholder-shown">
              {isFiltered(view)
                ? t("stakeholders.shownOf", { count: shown.length, total: all.length })
                : t("stakeholders.shownAll", { count: all.length })}
            </Text>
            {isFiltered(view) && (
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => setView({ ...defaultView, sort: view.sort })}
                data-testid="stakeholder-filters-clear"
              >
                {t("stakeholders.filters.clear")}
              </Button>
            )}
          </Group>
        )}
        {all && all.length === 0 && <Text c="dimmed">{t("stakeholders.empty")}</Text>}
        {all && all.length > 0 && shown.length === 0 && <Text c="dimmed">{t("stakeholders.noneMatch")}</Text>}
        {shown.length > 0 && (
          <StakeholderTable
            accounts={shown}
            sort={view.sort}
            now={now}
            editable={editable}
            editingId={editingId}
            onEdit={setEditingId}
            onRemove={(id) =>
              remove.mutate(id, {
                onSuccess: () => {
                  if (editingId === id) setEditingId(undefined);
                },
              })
            }
            removingId={remove.isPending ? remove.variables : undefined}
          />
        )}
      </Stack>
    </Page>
  );
}
