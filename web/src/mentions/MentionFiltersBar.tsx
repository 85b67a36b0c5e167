import { CloseButton, Group, NativeSelect, Paper, Pill, SimpleGrid, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Lang, Platform, RiskCategory } from "../../../src/posts/posts.schema.ts";
import { chanceCategories, riskOnlyCategories } from "../risk/riskDisplay.ts";
import { useTopics } from "../topics/useTopics.ts";
import {
  deletedChoices,
  type MentionFilters,
  sortOrders,
  type TimeRange,
  timeRanges,
} from "./mentionFilters.ts";

interface MentionFiltersBarProps {
  filters: MentionFilters;
  onChange: (filters: MentionFilters) => void;
}

const SEARCH_DEBOUNCE_MS = 400;

/**
 * Topic, platform, language, time range, risk, order, posts deleted by their author and a debounced
 * full-text search; native selects for
 * robust tests. A chip shows when the view is limited to the posts of an alert or a group.
 */
export function MentionFiltersBar({ filters, onChange }: MentionFiltersBarProps) {
  const { t } = useTranslation();
  const topics = useTopics();
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);

  // Typing settles → put the search into the URL.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search should write the URL
  useEffect(() => {
    if (debouncedSearch.trim() !== filters.q) onChange({ ...filters, q: debouncedSearch.trim() });
  }, [debouncedSearch]);

  // The URL changed from outside (back button, a link) → show its search in the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the URL only, not to typing
  useEffect(() => {
    if (filters.q !== debouncedSearch.trim()) setSearch(filters.q);
  }, [filters.q]);

  const all = { value: "", label: t("mentions.filters.all") };
  // A variable, not an inline literal: Pill's button props do not declare data attributes.
  const clearAuthorProps = {
    "aria-label": t("mentions.filters.clearAuthor"),
    "data-testid": "filter-author-clear",
  };
  const clearIdsProps = { "aria-label": t("mentions.filters.clearIds"), "data-testid": "filter-ids-clear" };
  const topicOptions = [all, ...(topics.data ?? []).map((topic) => ({ value: topic.id, label: topic.name }))];
  // A linked topic that is not (yet) loaded still shows as selected.
  if (filters.topicId && !topicOptions.some((o) => o.value === filters.topicId)) {
    topicOptions.push({ value: filters.topicId, label: filters.topicId });
  }

  const categoryOption = (category: RiskCategory) => ({
    value: category,
    label: t(`risk.categories.${category}`),
  });
  const riskOptions = [
    all,
    { group: t("risk.kinds.risk"), items: riskOnlyCategories.map(categoryOption) },
    { group: t("risk.kinds.chance"), items: chanceCategories.map(categoryOption) },
  ];

  return (
    <Paper withBorder p="sm" role="search" aria-label={t("mentions.filters.label")}>
      {(filters.ids || filters.author) && (
        <Group mb="sm">
          {filters.author && (
            <Pill
              size="md"
              withRemoveButton
              onRemove={() => onChange({ ...filters, author: undefined })}
              removeButtonProps={clearAuthorProps}
              data-testid="filter-author"
            >
              {t("mentions.filters.author", { handle: filters.author })}
            </Pill>
          )}
          {filters.ids && (
            <Pill
              size="md"
              withRemoveButton
              onRemove={() => onChange({ ...filters, ids: undefined })}
              removeButtonProps={clearIdsProps}
              data-testid="filter-ids"
            >
              {t("mentions.filters.ids", { count: filters.ids.length })}
            </Pill>
          )}
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <NativeSelect
          label={t("mentions.filters.topic")}
          data={topicOptions}
          value={filters.topicId ?? ""}
          onChange={(e) => onChange({ ...filters, topicId: e.currentTarget.value || undefined })}
          data-testid="filter-topic"
        />
        <NativeSelect
          label={t("mentions.filters.platform")}
          data={[all, ...Platform.options.map((p) => ({ value: p, label: t(`platforms.${p}`) }))]}
          value={filters.platform ?? ""}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...filters, platform: Platform.options.find((p) => p === value) });
          }}
          data-testid="filter-platform"
        />
        <NativeSelect
          label={t("mentions.filters.lang")}
          data={[all, ...Lang.options.map((l) => ({ value: l, label: t(`langs.${l}`) }))]}
          value={filters.lang ?? ""}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...filters, lang: Lang.options.find((l) => l === value) });
          }}
          data-testid="filter-lang"
        />
        <NativeSelect
          label={t("mentions.filters.range")}
          data={timeRanges.map((r) => ({ value: r, label: t(`mentions.ranges.${r}`) }))}
          value={filters.range}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...filters, range: timeRanges.find((r): r is TimeRange => r === value) ?? "all" });
          }}
          data-testid="filter-range"
        />
        <NativeSelect
          label={t("mentions.filters.risk")}
          data={riskOptions}
          value={filters.risk ?? ""}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...filters, risk: RiskCategory.options.find((c) => c === value) });
          }}
          data-testid="filter-risk"
        />
        <NativeSelect
          label={t("mentions.filters.sort")}
          data={sortOrders.map((o) => ({ value: o, label: t(`mentions.sort.${o}`) }))}
          value={filters.sort}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...filters, sort: sortOrders.find((o) => o === value) ?? "time" });
          }}
          data-testid="filter-sort"
        />
        <NativeSelect
          label={t("mentions.filters.deleted")}
          data={deletedChoices.map((c) => ({ value: c, label: t(`mentions.deleted.${c}`) }))}
          value={filters.deleted}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...filters, deleted: deletedChoices.find((c) => c === value) ?? "show" });
          }}
          data-testid="filter-deleted"
        />
        <TextInput
          label={t("mentions.filters.search")}
          type="search"
          placeholder={t("mentions.filters.searchPlaceholder")}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter searches at once instead of waiting for the debounce.
            if (e.key === "Enter") onChange({ ...filters, q: search.trim() });
          }}
          rightSection={
            search ? (
              <CloseButton
                size="sm"
                aria-label={t("mentions.filters.clearSearch")}
                onClick={() => {
                  setSearch("");
                  onChange({ ...filters, q: "" });
                }}
              />
            ) : null
          }
          data-testid="filter-search"
        />
      </SimpleGrid>
    </Paper>
  );
}
