import { Anchor, Badge, Button, CopyButton, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useContext, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DraftRead } from "../../../src/publishing/publishing.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { SessionContext } from "../auth/SessionContext.ts";
import { draftStatusColour, draftStatusKey } from "./draftStatus.ts";
import { FindingList } from "./FindingList.tsx";
import { HighlightedDraft } from "./HighlightedDraft.tsx";
import { useDraftAction } from "./useDraftAction.ts";

/**
 * One draft: its state, text with the check's marks, who approved or rejected it, the error of a failed
 * send, and what the reader may do now (approve or reject in the queue, send again, copy and mark sent).
 */
export function DraftCard({ draft, approving = false }: { draft: DraftRead; approving?: boolean }) {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language.startsWith("de") ? "de" : "en";
  const headingId = useId();
  const action = useDraftAction();
  const [comment, setComment] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [sentUrl, setSentUrl] = useState("");
  const busy = action.isPending;
  const run = (name: Parameters<typeof action.mutate>[0]["action"], extra: Record<string, string> = {}) =>
    action.mutate({ id: draft.id, action: name, body: { version: draft.version, ...extra } });
  const authorName = draft.author.name ?? t("publishing.draft.someone");
  const exercise = useContext(SessionContext)?.org.kind === "exercise";
  const via = draft.connector
    ? t("publishing.draft.via", { name: draft.connector.name })
    : t(exercise ? "publishing.draft.simulated" : "publishing.draft.byHand");
  const byHand = draft.state === "approved" && draft.sendByHand;

  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      aria-labelledby={headingId}
      data-testid="draft-card"
      data-draft-id={draft.id}
      data-state={draft.state}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} size="sm" id={headingId}>
            {t(`publishing.draft.${draft.kind}`)} {t("publishing.draft.by", { name: authorName })} · {via}
          </Text>
          <Badge color={draftStatusColour(draft.state)} variant="light" data-testid="draft-state">
            {t(draftStatusKey(draft))}
          </Badge>
        </Group>
        <Text size="sm" className="post-text">
          <HighlightedDraft text={draft.text} findings={draft.check.findings} uiLang={uiLang} />
        </Text>
        <FindingList check={draft.check} uiLang={uiLang} testId="draft-card-finding" />
        {draft.approval && (
          <Text size="xs" c="dimmed">
            {t("publishing.draft.approvedBy", {
              name: draft.approval.by.name ?? draft.approval.by.label,
              when: formatDateTime(draft.approval.at, i18n.language),
            })}
            {draft.approval.comment ? ` – ${draft.approval.comment}` : ""}
          </Text>
        )}
        {draft.rejection && (
          <Text size="sm" c="red.8">
            {t("publishing.draft.rejectedBecause", { reason: draft.rejection.reason })}
          </Text>
        )}
        {draft.state === "failed" && draft.lastError && (
          <Text size="sm" c="red.8" data-testid="draft-error">
            {t("publishing.draft.error", { error: draft.lastError })}
            {draft.retryAfter
              ? ` ${t("publishing.draft.retryAfter", { when: formatDateTime(draft.retryAfter, i18n.language) })}`
              : ""}
          </Text>
        )}
        {draft.sentAt && (
          <Text size="xs" c="dimmed">
            {t("publishing.draft.sentAt", { when: formatDateTime(draft.sentAt, i18n.language) })}
            {draft.externalUrl && (
              <>
                {" · "}
                <Anchor href={draft.externalUrl} target="_blank" rel="noopener noreferrer" size="xs">
                  {t("publishing.draft.openSent")}
                </Anchor>
              </>
            )}
          </Text>
        )}
        {approving && draft.state === "pending_approval" && (
          <Stack gap={6}>
            {draft.canApprove && (
              <TextInput
                label={t("publishing.actions.comment")}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                maxLength={1000}
                size="xs"
              />
            )}
            <Group gap="xs">
              <Button
                size="xs"
                color="green"
                disabled={!draft.canApprove || busy}
                loading={busy && action.variables?.action === "approve"}
                onClick={() => run("approve", comment.trim() ? { comment: comment.trim() } : {})}
                data-testid="draft-approve"
              >
                {t("publishing.actions.approve")}
              </Button>
              <Button
                size="xs"
                variant="default"
                disabled={!draft.canApprove || busy}
                onClick={() => setRejecting((r) => !r)}
                data-testid="draft-reject"
              >
                {t("publishing.actions.reject")}
              </Button>
            </Group>
            {!draft.canApprove && draft.approveBlockedReason && (
              <Text size="xs" c="dimmed" data-testid="draft-approve-blocked">
                {draft.approveBlockedReason[uiLang]}
              </Text>
            )}
            {rejecting && (
              <Group gap="xs" align="flex-end">
                <TextInput
                  label={t("publishing.actions.reason")}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  maxLength={1000}
                  size="xs"
                  required
                  data-testid="draft-reject-reason"
                />
                <Button
                  size="xs"
                  color="red"
                  disabled={reason.trim() === "" || busy}
                  onClick={() => run("reject", { reason: reason.trim() })}
                  data-testid="draft-reject-confirm"
                >
                  {t("publishing.actions.confirmReject")}
                </Button>
              </Group>
            )}
          </Stack>
        )}
        {draft.state === "failed" && (
          <Group>
            <Button
              size="xs"
              variant="light"
              loading={busy}
              onClick={() => run("send")}
              data-testid="draft-retry"
            >
              {t("publishing.actions.retry")}
            </Button>
          </Group>
        )}
        {byHand && (
          <Stack gap={6}>
            <Text size="xs" c="dimmed">
              {t("publishing.composer.byHandNote")}
            </Text>
            <Group gap="xs" align="flex-end">
              <CopyButton value={draft.text}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy} data-testid="draft-copy">
                    {copied ? t("publishing.actions.copied") : t("publishing.actions.copy")}
                  </Button>
                )}
              </CopyButton>
              <TextInput
                label={t("publishing.actions.sentUrl")}
                value={sentUrl}
                onChange={(e) => setSentUrl(e.currentTarget.value)}
                type="url"
                size="xs"
              />
              <Button
                size="xs"
                disabled={busy}
                onClick={() => run("mark-sent", sentUrl.trim() ? { url: sentUrl.trim() } : {})}
                data-testid="draft-mark-sent"
              >
                {t("publishing.actions.markSent")}
              </Button>
            </Group>
          </Stack>
        )}
        <ProblemAlert error={action.error} />
      </Stack>
    </Paper>
  );
}
