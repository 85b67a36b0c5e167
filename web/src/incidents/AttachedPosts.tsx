import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { CaptureEvidenceButton } from "../evidence/CaptureEvidenceButton.tsx";
import { safeHttpUrl } from "../mentions/safeLink.ts";
import { useIncidentPart } from "./useIncidentPart.ts";

type AttachedPost = {
  id: string;
  platform: string;
  author: string;
  text: string;
  url: string | null;
  postedAt: string;
};

// Only http(s) links are rendered as links; anything else in an attacker-controlled URL stays text.

/** Posts attached to the incident, as plain text, each with the button to capture it as evidence. */
export function AttachedPosts({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const posts = useIncidentPart<AttachedPost>(incidentId, "posts", 30_000);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-posts-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="incident-posts-heading">
          {t("incident.posts.heading")}
        </Title>
        <ProblemAlert error={posts.error} />
        {posts.data && posts.data.length === 0 && <Text c="dimmed">{t("incident.posts.empty")}</Text>}
        {(posts.data ?? []).map((post) => {
          const url = safeHttpUrl(post.url);
          return (
            <Paper
              key={post.id}
              withBorder
              p="sm"
              component="article"
              data-testid="incident-post"
              data-post-id={post.id}
            >
              <Stack gap={4}>
                <Text size="sm" c="dimmed">
                  {t(`platforms.${post.platform}`, { defaultValue: post.platform })} · @{post.author} ·{" "}
                  <time dateTime={post.postedAt}>{formatDateTime(post.postedAt, i18n.language)}</time>
                </Text>
                <Text size="sm" className="post-text">
                  {post.text}
                </Text>
                <Group justify="space-between" wrap="wrap">
                  {url ? (
                    <Anchor href={url} target="_blank" rel="noopener noreferrer nofollow" size="sm">
                      {t("incident.posts.open")}
                    </Anchor>
                  ) : (
                    <span />
                  )}
                  <CaptureEvidenceButton postId={post.id} incidentId={incidentId} />
                </Group>
              </Stack>
            </Paper>
          );
        })}
      </Stack>
    </Paper>
  );
}
