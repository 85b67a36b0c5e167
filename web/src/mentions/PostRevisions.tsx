import { Button, Loader, Paper, Stack, Text } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PostRead } from "../../../src/posts/posts.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { hasEarlierVersions } from "./postStatus.ts";
import { usePostRevisions } from "./usePostRevisions.ts";

/**
 * The earlier versions of an edited post, on request, oldest first. Each text is a plain text node (posts
 * are attacker-controlled), never HTML.
 */
export function PostRevisions({ post }: { post: Pick<PostRead, "id" | "editedAt"> }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const revisions = usePostRevisions(post.id, post.editedAt, open);
  if (!hasEarlierVersions(post)) return null;
  return (
    <Stack gap={4} align="stretch">
      <Button
        size="compact-xs"
        variant="default"
        style={{ alignSelf: "flex-start" }}
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-controls={listId}
        data-testid="post-revisions-toggle"
      >
        {t(open ? "mentions.revisions.hide" : "mentions.revisions.show")}
      </Button>
      {open && (
        <Stack gap={4} id={listId} data-testid="post-revisions">
          {revisions.isPending && <Loader size="xs" aria-label={t("common.loading")} />}
          <ProblemAlert error={revisions.error} />
          {revisions.data?.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("mentions.revisions.none")}
            </Text>
          )}
          {revisions.data?.map((revision) => (
            <Paper
              key={revision.writtenAt}
              withBorder
              p="xs"
              component="figure"
              m={0}
              data-testid="post-revision"
            >
              <Text size="xs" c="dimmed" component="figcaption">
                {t("mentions.revisions.version", {
                  written: formatDateTime(revision.writtenAt, i18n.language),
                  replaced: formatDateTime(revision.replacedAt, i18n.language),
                })}
              </Text>
              <Text
                size="sm"
                lang={revision.lang === "other" ? undefined : revision.lang}
                style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
              >
                {revision.text}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
