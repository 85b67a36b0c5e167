import { CloseButton, NativeSelect, Paper, SimpleGrid, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { StakeholderGroup, Stance } from "../../../src/stakeholders/stakeholders.schema.ts";
import { type StakeholderView, stakeholderSorts } from "./stakeholderView.ts";

interface StakeholderFiltersBarProps {
  view: StakeholderView;
  /** Accounts per group on the whole map, shown beside each group. */
  groupCounts: ReadonlyMap<StakeholderGroup, number>;
  onChange: (view: StakeholderView) => void;
}

/** Group, stance, a search over handle, name and note, and the order; native selects for robust tests. */
export function StakeholderFiltersBar({ view, groupCounts, onChange }: StakeholderFiltersBarProps) {
  const { t } = useTranslation();
  // The box keeps what is typed (the URL holds it trimmed, which would eat a space typed between words).
  const [search, setSearch] = useState(view.q);
  const setSearchAndView = (q: string) => {
    setSearch(q);
    onChange({ ...view, q });
  };

  // The URL changed from outside (back button, a link) → show its search in the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the URL only, not to typing
  useEffect(() => {
    if (view.q !== search.trim()) setSearch(view.q);
  }, [view.q]);

  const all = { value: "", label: t("stakeholders.filters.all") };
  // Every group in the order of the list, each with its count, so an empty group shows as empty.
  const groupOptions = [
    all,
    ...StakeholderGroup.options.map((group) => ({
      value: group,
      label: t("stakeholders.filters.groupOption", {
        group: t(`stakeholderGroups.${group}`),
        count: groupCounts.get(group) ?? 0,
      }),
    })),
  ];

  return (
    <Paper withBorder p="sm" role="search" aria-label={t("stakeholders.filters.label")}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <NativeSelect
          label={t("stakeholders.fields.group")}
          data={groupOptions}
          value={view.group ?? ""}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...view, group: StakeholderGroup.options.find((g) => g === value) });
          }}
          data-testid="stakeholder-filter-group"
        />
        <NativeSelect
          label={t("stakeholders.fields.stance")}
          data={[all, ...Stance.options.map((s) => ({ value: s, label: t(`stakeholders.stances.${s}`) }))]}
          value={view.stance ?? ""}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...view, stance: Stance.options.find((s) => s === value) });
          }}
          data-testid="stakeholder-filter-stance"
        />
        <TextInput
          label={t("stakeholders.filters.search")}
          type="search"
          placeholder={t("stakeholders.filters.searchPlaceholder")}
          value={search}
          onChange={(e) => setSearchAndView(e.currentTarget.value)}
          rightSection={
            search ? (
              <CloseButton
                size="sm"
                aria-label={t("stakeholders.filters.clearSearch")}
                onClick={() => setSearchAndView("")}
              />
            ) : null
          }
          data-testid="stakeholder-filter-search"
        />
        <NativeSelect
          label={t("stakeholders.filters.sort")}
          data={stakeholderSorts.map((s) => ({ value: s, label: t(`stakeholders.sorts.${s}`) }))}
          value={view.sort}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...view, sort: stakeholderSorts.find((s) => s === value) ?? "activity" });
          }}
          data-testid="stakeholder-sort"
        />
      </SimpleGrid>
    </Paper>
  );
}
