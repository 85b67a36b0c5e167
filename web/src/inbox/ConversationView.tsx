import {
  Alert,
  Anchor,
  Badge,
  Box,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { canWorkInbox } from "../../../src/inbox/inbox.policy.ts";
import type { ConversationRead, ConversationStatus } from "../../../src/inbox/inbox.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { CaptureEvidenceButton } from "../evidence/CaptureEvidenceButton.tsx";
import { OpenIncidentButton } from "../incidents/OpenIncidentButton.tsx";
import { PostStatusBadges } from "../mentions/PostStatusBadges.tsx";
import { useMembers } from "../orgs/useMembers.ts";
import { ReplyComposer } from "../publishing/ReplyComposer.tsx";
import { bandColor } from "./bandColor.ts";
import { ConversationNotes } from "./ConversationNotes.tsx";
import { SavedReplyPicker } from "./SavedReplyPicker.tsx";
import { SlaBadge } from "./SlaBadge.tsx";
import { useConversation } from "./useConversation.ts";
import { useInboxTeams } from "./useInboxTeams.ts";
import { usePresenceHeartbeat } from "./usePresenceHeartbeat.ts";
import { useUpdateConversation } from "./useUpdateConversation.ts";

const statuses: ConversationStatus[] = ["new", "open", "waiting", "done"];

/** One conversation: thread (text only), status and assignee, notes, who else is answering, the answer. */
export function ConversationView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const conversation = useConversation(id);
  const c = conversation.data;
  return (
    <Page title={c ? `${t("inbox.ticket", { ticket: c.ticket })} · ${c.platform}` : t("inbox.title")}>
      <Anchor component={Link} to="/inbox">
        {t("inbox.back")}
      </Anchor>
      <ProblemAlert error={conversation.error} />
      {c && <ConversationBody c={c} lang={i18n.language} />}
    </Page>
  );
}

function ConversationBody({ c, lang }: { c: ConversationRead; lang: string }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const work = canWorkInbox(session);
  const now = useNow(30_000);
  const [composing, setComposing] = useState(false);
  const [replyText, setReplyText] = useState<string | undefined>(undefined);
  usePresenceHeartbeat(c.id, work && composing);
  const names = c.composing.map((p) => p.name).join(", ");

  return (
    <Stack gap="lg">
      <Group gap="sm">
        <Badge color={bandColor[c.band]} variant="filled">
          {t(`inbox.band.${c.band}`)}
        </Badge>
        <SlaBadge conversation={c} now={now} />
        <Text size="sm">{t(`inbox.status.${c.status}`)}</Text>
        <Text size="sm" c="dimmed">
          {c.sla.firstRespondedAt
            ? t("inbox.sla.respondedAt", { time: formatDateTime(c.sla.firstRespondedAt, lang) })
            : t("inbox.sla.dueAt", {
                target: t("inbox.sla.firstResponse"),
                time: formatDateTime(c.sla.firstResponseDueAt, lang),
              })}
        </Text>
      </Group>
      {c.composing.length > 0 && (
        <Alert color="yellow" variant="light" role="status" data-testid="presence-marker">
          {t(c.composing.length > 1 ? "inbox.detail.presenceMany" : "inbox.detail.presence", { names })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="md">
          <Thread c={c} lang={lang} />
          {work ? (
            <Paper withBorder p="md" component="section" aria-labelledby="answer-title">
              <Stack gap="sm">
                <Title order={2} size="h4" id="answer-title">
                  {t("inbox.detail.answer")}
                </Title>
                <SavedReplyPicker conversationId={c.id} onPick={setReplyText} />
                {/* Focus inside the composer counts as writing an answer (presence heartbeats). */}
                <Box onFocus={() => setComposing(true)} onBlur={() => setComposing(false)}>
                  <ReplyComposer
                    conversationId={c.id}
                    lang={c.lang === "en" ? "en" : "de"}
                    {...(replyText !== undefined ? { initialText: replyText } : {})}
                  />
                </Box>
              </Stack>
            </Paper>
          ) : (
            <Text c="dimmed">{t("inbox.detail.readOnly")}</Text>
          )}
        </Stack>

        <Stack gap="md">
          {work && <ManagePanel c={c} />}
          <OpenIncidentButton source={{ kind: "conversation", id: c.id }} />
          <ConversationNotes conversationId={c.id} notes={c.notes} editable={work} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function Thread({ c, lang }: { c: ConversationRead; lang: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="thread-title">
      <Title order={2} size="h4" id="thread-title">
        {t("inbox.detail.thread")}
      </Title>
      {c.posts.map((post) => (
        <Paper
          key={post.id}
          withBorder
          p="sm"
          bg={post.official ? "blue.0" : undefined}
          data-testid="thread-post"
        >
          <Stack gap={6}>
            <Group gap="xs" justify="space-between">
              <Text size="sm" fw={600}>
                {post.author.displayName ?? post.author.handle}{" "}
                <Text span size="sm" c="dimmed">
                  @{post.author.handle}
                </Text>
                {post.official && (
                  <Badge ml="xs" size="sm" color="blue.8" variant="light">
                    {t("inbox.detail.official")}
                  </Badge>
                )}
              </Text>
              <Group gap={4}>
                <PostStatusBadges post={post} />
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(post.postedAt, lang)}
              </Text>
            </Group>
            {/* The author's words as text, never as HTML. */}
            <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{post.text}</Text>
            <Group gap="sm">
              {post.flags.length > 0 && (
                <Text size="xs" c="dimmed">
                  {t("inbox.detail.flags")}: {post.flags.map((f) => t(`risk.categories.${f}`)).join(", ")}
                </Text>
              )}
              {post.url?.startsWith("https://") && (
                <Anchor href={post.url} target="_blank" rel="noopener noreferrer nofollow" size="xs">
                  {t("inbox.detail.open")}
                </Anchor>
              )}
            </Group>
            {!post.official && <CaptureEvidenceButton postId={post.id} deletedAt={post.deletedAt} />}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function ManagePanel({ c }: { c: ConversationRead }) {
  const { t } = useTranslation();
  const update = useUpdateConversation(c.id);
  const members = useMembers().data ?? [];
  const teams = useInboxTeams().data ?? [];
  const assignee = c.assignee ? `${c.assignee.kind}:${c.assignee.id}` : "";
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="manage-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="manage-title">
          {t("inbox.detail.manage")}
        </Title>
        <NativeSelect
          label={t("inbox.detail.status")}
          data={statuses.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
          value={c.status}
          onChange={(e) => update.mutate({ status: e.currentTarget.value as ConversationStatus })}
          disabled={update.isPending}
          data-testid="conversation-status"
        />
        <NativeSelect
          label={t("inbox.detail.assignee")}
          data={[
            { value: "", label: t("inbox.unassigned") },
            {
              group: t("inbox.detail.people"),
              items: members.map((m) => ({ value: `user:${m.id}`, label: m.name })),
            },
            {
              group: t("inbox.detail.teams"),
              items: teams.map((team) => ({ value: `team:${team.id}`, label: team.name })),
            },
          ]}
          value={assignee}
          onChange={(e) => {
            const [kind, id] = e.currentTarget.value.split(":") as ["user" | "team", string];
            update.mutate({ assignee: e.currentTarget.value ? { kind, id } : null });
          }}
          disabled={update.isPending}
          data-testid="conversation-assignee"
        />
        <ProblemAlert error={update.error} />
      </Stack>
    </Paper>
  );
}
