import { Button, Center, Group, Loader, Stack, Text } from "@mantine/core";
import { useCallback, useMemo, useReducer, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { canExportPosts } from "../../../src/orgs/orgs.policy.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useRiskProfile } from "../risk/useRiskProfile.ts";
import { useTopicNames } from "../topics/useTopicNames.ts";
import { LiveIndicator } from "./LiveIndicator.tsx";
import { initialLiveState, liveReducer, mergePosts } from "./liveList.ts";
import { MentionFiltersBar } from "./MentionFiltersBar.tsx";
import {
  exportUrl,
  filtersFromSearch,
  filtersToSearch,
  followsLiveStream,
  type MentionFilters,
  matchesLiveFilters,
} from "./mentionFilters.ts";
import { isOwnPost } from "./ownAccount.ts";
import { PostItem } from "./PostItem.tsx";
import { usePostStream } from "./usePostStream.ts";
import { usePosts } from "./usePosts.ts";

/** Mentions: the list for the filters in the URL, with new matching posts arriving live on top. */
export function MentionsPage() {
  const { t, i18n } = useTranslation();
  const { role } = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const setFilters = useCallback(
    (next: MentionFilters) => setParams(filtersToSearch(next), { replace: true }),
    [setParams],
  );
  const now = useNow(30_000);
  const topicNames = useTopicNames();
  const officialAccounts = useRiskProfile().data?.officialAccounts;
  const posts = usePosts(filters);
  const [live, dispatch] = useReducer(liveReducer, initialLiveState);
  const filterKey = filtersToSearch(filters).toString();
  const [shownKey, setShownKey] = useState(filterKey);
  const following = followsLiveStream(filters);

  // New filters: live posts of the old ones no longer belong (reset during render, React's documented pattern).
  if (shownKey !== filterKey) {
    setShownKey(filterKey);
    dispatch({ type: "reset" });
  }

  const fetched = useMemo(() => posts.data?.pages.flatMap((page) => page.items) ?? [], [posts.data]);
  const shown = useMemo(
    () => mergePosts(live.live, fetched, live.revised),
    [live.live, fetched, live.revised],
  );

  const status = usePostStream(
    filters,
    {
      onPost: (post) => {
        if (!matchesLiveFilters(post, filters)) return;
        // A post of the fetched pages came again: an edit of it, shown in its place.
        if (fetched.some((p) => p.id === post.id)) dispatch({ type: "revised", post });
        else dispatch({ type: "received", post });
      },
      onReconnect: () => {
        dispatch({ type: "reset" });
        void posts.refetch();
      },
    },
    following,
  );

  return (
    <Page title={t("mentions.title")}>
      <MentionFiltersBar filters={filters} onChange={setFilters} />
      <Group justify="space-between" wrap="wrap" gap="sm">
        {following ? (
          <Group gap="md">
            <LiveIndicator status={status} paused={live.paused} />
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => dispatch({ type: live.paused ? "resume" : "pause" })}
              aria-pressed={live.paused}
              data-testid="live-pause"
            >
              {live.paused ? t("mentions.resume") : t("mentions.pause")}
            </Button>
            {live.paused && live.pending.length > 0 && (
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => dispatch({ type: "resume" })}
                data-testid="live-pending"
              >
                {t("mentions.pending", { count: live.pending.length })}
              </Button>
            )}
          </Group>
        ) : (
          <Text size="sm" c="dimmed" data-testid="live-off">
            {t("mentions.idsNotLive")}
          </Text>
        )}
        <Group gap="md">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t("mentions.shown", { count: shown.length })}
          </Text>
          {canExportPosts({ role }) && (
            <Button
              component="a"
              href={exportUrl(filters, now, i18n.language.startsWith("de") ? "semicolon" : "comma")}
              download
              size="compact-sm"
              variant="default"
              title={t("mentions.exportHint")}
              data-testid="mentions-export"
            >
              {t("mentions.export")}
            </Button>
          )}
        </Group>
      </Group>
      {filters.sort === "priority" && (
        <Text size="sm" c="dimmed" data-testid="priority-live-hint">
          {t("mentions.priorityLiveHint")}
        </Text>
      )}
      <ProblemAlert error={posts.error} />
      {posts.isPending && (
        <Center py="xl">
          <Loader aria-label={t("common.loading")} />
        </Center>
      )}
      {posts.isSuccess && shown.length === 0 && (
        <Text c="dimmed" data-testid="mentions-empty">
          {t("mentions.empty")}
        </Text>
      )}
      <Stack
        gap="sm"
        component="section"
        aria-label={t(filters.sort === "priority" ? "mentions.listLabelPriority" : "mentions.listLabel")}
        data-testid="post-list"
      >
        {shown.map((post) => (
          <PostItem
            key={post.id}
            post={post}
            now={now}
            topicNames={topicNames}
            own={isOwnPost(officialAccounts, post)}
          />
        ))}
      </Stack>
      {posts.hasNextPage && (
        <Center>
          <Button
            variant="default"
            onClick={() => void posts.fetchNextPage()}
            loading={posts.isFetchingNextPage}
            data-testid="load-older"
          >
            {t("mentions.loadOlder")}
          </Button>
        </Center>
      )}
    </Page>
  );
}
