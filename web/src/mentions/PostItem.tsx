import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { PostRead } from "../../../src/posts/posts.schema.ts";
import { formatDateTime, formatRelativeTime } from "../app/formatTime.ts";
import { CaptureEvidenceButton } from "../evidence/CaptureEvidenceButton.tsx";
import { AttachToIncident } from "../incidents/AttachToIncident.tsx";
import { OpenIncidentButton } from "../incidents/OpenIncidentButton.tsx";
import { RiskFlags } from "../risk/RiskFlags.tsx";
import { HighlightedText } from "./HighlightedText.tsx";
import { PostRevisions } from "./PostRevisions.tsx";
import { PostStatusBadges } from "./PostStatusBadges.tsx";
import { safeHttpUrl } from "./safeLink.ts";

const noSpans: never[] = [];

interface PostItemProps {
  post: PostRead;
  now: number;
  topicNames: ReadonlyMap<string, string>;
  /** Written by one of the organisation's official accounts. */
  own?: boolean;
}

/** One mention with the risk engine's verdict, marks for a deletion or edit by its author (earlier versions on request), and the first steps of a response (open an incident, capture evidence). The text is rendered as plain text only: posts are attacker-controlled. */
export const PostItem = memo(function PostItem({ post, now, topicNames, own = false }: PostItemProps) {
  const { t, i18n } = useTranslation();
  const url = safeHttpUrl(post.url);
  const headingId = `post-${post.id}-author`;
  const topics = post.topicIds
    .map((id) => topicNames.get(id))
    .filter((name): name is string => Boolean(name));

  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      aria-labelledby={headingId}
      data-testid="post-item"
      data-post-id={post.id}
      data-lang={post.lang}
      data-platform={post.platform}
      data-deleted={post.deletedAt !== null}
      data-edited={post.editedAt !== null}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="wrap" id={headingId}>
            <Text fw={600} size="sm">
              {post.author.displayName || post.author.handle}
            </Text>
            <Text size="sm" c="dimmed">
              @{post.author.handle}
            </Text>
            {own && (
              // Blue.9 (#1864ab) on white: contrast above 6:1.
              <Badge
                size="sm"
                color="blue.9"
                variant="outline"
                title={t("mentions.ownAccountHint")}
                data-testid="post-own-account"
              >
                {t("mentions.ownAccount")}
              </Badge>
            )}
          </Group>
          <Group gap={6} wrap="wrap">
            <PostStatusBadges post={post} />
            <Badge variant="outline" color="gray.8" size="sm">
              {t(`platforms.${post.platform}`)}
            </Badge>
            <Badge variant="filled" color="blue.9" size="sm" title={t(`langs.${post.lang}`)}>
              {post.lang === "other" ? t("langs.otherShort") : post.lang.toUpperCase()}
            </Badge>
            <Text
              size="xs"
              c="dimmed"
              component="time"
              dateTime={post.postedAt}
              title={formatDateTime(post.postedAt, i18n.language)}
            >
              {formatRelativeTime(post.postedAt, now, i18n.language)}
            </Text>
          </Group>
        </Group>
        {post.assessment && <RiskFlags priority={post.assessment.priority} flags={post.assessment.flags} />}
        <HighlightedText
          text={post.text}
          spans={post.assessment?.spans ?? noSpans}
          lang={post.lang === "other" ? undefined : post.lang}
        />
        <PostRevisions post={post} />
        {(topics.length > 0 || url) && (
          <Group justify="space-between" gap="xs">
            <Group gap={4}>
              {topics.map((name) => (
                <Badge key={name} size="sm" variant="filled" color="grape.9" data-testid="post-topic">
                  {name}
                </Badge>
              ))}
            </Group>
            {url && (
              <Anchor href={url} target="_blank" rel="noopener noreferrer nofollow" size="xs">
                {t("mentions.openOriginal", { platform: t(`platforms.${post.platform}`) })}
              </Anchor>
            )}
          </Group>
        )}
        <Group gap="xs" align="flex-start">
          <OpenIncidentButton source={{ kind: "post", id: post.id }} label={`@${post.author.handle}`} />
          <AttachToIncident postId={post.id} label={`@${post.author.handle}`} />
          <CaptureEvidenceButton postId={post.id} deletedAt={post.deletedAt} />
        </Group>
      </Stack>
    </Paper>
  );
});
