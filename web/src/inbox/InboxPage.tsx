import { Group, Stack, Text } from "@mantine/core";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { ConversationFilters } from "./ConversationFilters.tsx";
import { ConversationList } from "./ConversationList.tsx";
import { ConversationView } from "./ConversationView.tsx";
import { type ConversationFilters as Filters, useConversations } from "./useConversations.ts";

const filterKeys = ["status", "assignee", "mentions", "band", "q"] as const;

/** The inbox: the list of conversations at `/inbox` (filters in the URL), one conversation at `/inbox/:id`. */
export function InboxPage() {
  const { id } = useParams();
  return id ? <ConversationView id={id} /> : <InboxList />;
}

function InboxList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(() => {
    const out: Filters = {};
    for (const key of filterKeys) {
      const value = params.get(key);
      if (value) (out as Record<string, string>)[key] = value;
    }
    return out;
  }, [params]);
  const setFilters = useCallback(
    (next: Filters) => {
      const search = new URLSearchParams();
      for (const key of filterKeys) {
        const value = next[key];
        if (value) search.set(key, value);
      }
      setParams(search, { replace: true });
    },
    [setParams],
  );
  const conversations = useConversations(filters);
  const now = useNow(30_000);
  const data = conversations.data;
  const filtered = Object.keys(filters).length > 0;

  return (
    <Page title={t("inbox.title")}>
      <Text maw={820}>{t("inbox.intro")}</Text>
      <ConversationFilters value={filters} onChange={setFilters} />
      <ProblemAlert error={conversations.error} />
      {data && (
        <Stack gap="sm">
          <Group gap="md" aria-live="polite">
            <Text size="sm" data-testid="inbox-open-count">
              {t("inbox.openCount", { count: data.openCount })}
            </Text>
            {data.mentionsMeCount > 0 && (
              <Text size="sm" fw={600} data-testid="inbox-mentions-count">
                {t("inbox.mentionsMeCount", { count: data.mentionsMeCount })}
              </Text>
            )}
          </Group>
          {data.items.length === 0 ? (
            <Text c="dimmed">{filtered ? t("inbox.noneMatch") : t("inbox.empty")}</Text>
          ) : (
            <ConversationList items={data.items} now={now} />
          )}
        </Stack>
      )}
    </Page>
  );
}
