import { Checkbox, Group, NativeSelect, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ConversationFilters as Filters } from "./useConversations.ts";
import { useInboxTeams } from "./useInboxTeams.ts";

const statuses = ["new", "open", "waiting", "done"] as const;
const bands = ["urgent", "high", "normal", "low"] as const;

/** Filters of the conversation list: status, assignee, priority band, mentions of me, search. */
export function ConversationFilters({
  value,
  onChange,
}: {
  value: Filters;
  onChange: (next: Filters) => void;
}) {
  const { t } = useTranslation();
  const teams = useInboxTeams().data ?? [];
  return (
    <Group gap="sm" align="flex-end" role="group" aria-label={t("inbox.filters.label")}>
      <NativeSelect
        label={t("inbox.filters.status")}
        data={[
          { value: "", label: t("inbox.filters.any") },
          ...statuses.map((s) => ({ value: s, label: t(`inbox.status.${s}`) })),
        ]}
        value={value.status ?? ""}
        onChange={(e) => onChange({ ...value, status: e.currentTarget.value || undefined })}
        data-testid="inbox-filter-status"
      />
      <NativeSelect
        label={t("inbox.filters.assignee")}
        data={[
          { value: "", label: t("inbox.filters.any") },
          { value: "me", label: t("inbox.filters.me") },
          { value: "unassigned", label: t("inbox.filters.unassigned") },
          ...teams.map((team) => ({ value: team.id, label: team.name })),
        ]}
        value={value.assignee ?? ""}
        onChange={(e) => onChange({ ...value, assignee: e.currentTarget.value || undefined })}
        data-testid="inbox-filter-assignee"
      />
      <NativeSelect
        label={t("inbox.filters.band")}
        data={[
          { value: "", label: t("inbox.filters.any") },
          ...bands.map((b) => ({ value: b, label: t(`inbox.band.${b}`) })),
        ]}
        value={value.band ?? ""}
        onChange={(e) => onChange({ ...value, band: e.currentTarget.value || undefined })}
        data-testid="inbox-filter-band"
      />
      <TextInput
        label={t("inbox.filters.search")}
        placeholder={t("inbox.filters.searchPlaceholder")}
        value={value.q ?? ""}
        onChange={(e) => onChange({ ...value, q: e.currentTarget.value || undefined })}
        data-testid="inbox-filter-search"
      />
      <Checkbox
        label={t("inbox.filters.mentions")}
        checked={value.mentions === "me"}
        onChange={(e) => onChange({ ...value, mentions: e.currentTarget.checked ? "me" : undefined })}
        mb={8}
        data-testid="inbox-filter-mentions"
      />
    </Group>
  );
}
