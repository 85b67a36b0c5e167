import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Textarea } from "@mantine/core";
import { useContext, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DraftRead } from "../../../src/publishing/publishing.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { SessionContext } from "../auth/SessionContext.ts";
import { draftStatusColour, draftStatusKey } from "./draftStatus.ts";
import { FindingList } from "./FindingList.tsx";
import { HighlightedDraft } from "./HighlightedDraft.tsx";
import { useCreateDraft } from "./useCreateDraft.ts";
import { useDraftAction } from "./useDraftAction.ts";
import { useDraftCheck } from "./useDraftCheck.ts";
import { usePublishingAccounts } from "./usePublishingAccounts.ts";
import { useUpdateDraft } from "./useUpdateDraft.ts";

type Lang = "de" | "en" | "other";
// Select values: a connector id, the connector that brought the post, or by hand.
const AUTO = "auto";
const BY_HAND = "by-hand";

/**
 * Writes a reply or a post: the text with a live check as one types (findings listed and marked in a
 * read-only preview), the account it goes out from, and "check and send", which saves the draft and
 * submits it. Shows the state of what was submitted last, as it changes (`latest`, polled by the caller).
 */
export function DraftComposer({
  kind,
  conversationId,
  lang: initialLang,
  initialText = "",
  latest,
  onSubmitted,
}: {
  kind: "reply" | "post";
  conversationId?: string;
  lang: Lang;
  initialText?: string;
  /** The draft submitted last, as the caller's list shows it now. */
  latest?: DraftRead | undefined;
  onSubmitted?: (draft: DraftRead) => void;
}) {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language.startsWith("de") ? "de" : "en";
  const previewLabel = useId();
  const [text, setText] = useState(initialText);
  const [lang, setLang] = useState<Lang>(initialLang);
  // In an exercise workspace every send is simulated: there is no account to choose.
  const exercise = useContext(SessionContext)?.org.kind === "exercise";
  const [account, setAccount] = useState(kind === "reply" && !exercise ? AUTO : BY_HAND);
  // A draft saved but refused at submit (blocked): changed and submitted again rather than written anew.
  const [pending, setPending] = useState<DraftRead | null>(null);
  const [submitted, setSubmitted] = useState<DraftRead | null>(null);
  const accounts = usePublishingAccounts();
  const check = useDraftCheck(text, lang, account === AUTO || account === BY_HAND ? undefined : account);
  const create = useCreateDraft();
  const update = useUpdateDraft();
  const action = useDraftAction();
  const busy = create.isPending || update.isPending || action.isPending;
  const error = create.error ?? update.error ?? action.error;
  const textError = error instanceof ApiError ? error.fieldError("text") : undefined;

  const connectorId = account === AUTO ? undefined : account === BY_HAND ? null : account;
  const chosen = accounts.data?.find((a) => a.id === account);
  const shown = latest && submitted && latest.id === submitted.id ? latest : submitted;
  const result = check.data && !check.isStale && check.checkedText === text ? check.data : undefined;

  const submit = async () => {
    try {
      let draft = pending;
      if (draft && draft.state === "draft") {
        draft = await update.mutateAsync({
          id: draft.id,
          version: draft.version,
          text,
          lang,
          connectorId: connectorId ?? null,
        });
      } else {
        draft = await create.mutateAsync({
          kind,
          ...(conversationId ? { conversationId } : {}),
          ...(connectorId !== undefined ? { connectorId } : {}),
          text,
          lang,
        });
      }
      setPending(draft);
      const after = await action.mutateAsync({
        id: draft.id,
        action: "submit",
        body: { version: draft.version },
      });
      setPending(null);
      setSubmitted(after);
      setText("");
      onSubmitted?.(after);
    } catch {
      // Shown through the mutations' errors.
    }
  };

  const accountOptions = exercise
    ? [{ value: BY_HAND, label: t("publishing.composer.simulated") }]
    : [
        ...(kind === "reply" ? [{ value: AUTO, label: t("publishing.composer.accountAuto") }] : []),
        ...(accounts.data ?? []).map((a) => ({
          value: a.id,
          label: a.canPublish ? a.name : `${a.name} – ${t("publishing.draft.byHand")}`,
        })),
        { value: BY_HAND, label: t("publishing.composer.byHand") },
      ];

  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-label={t(kind === "reply" ? "publishing.composer.replyLabel" : "publishing.composer.postLabel")}
    >
      <Stack gap="sm">
        <Textarea
          label={t(kind === "reply" ? "publishing.composer.replyLabel" : "publishing.composer.postLabel")}
          description={t("publishing.composer.hint")}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={10_000}
          error={textError}
          data-testid="reply-text"
        />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t("publishing.composer.account")}
            description={t("publishing.composer.accountHint")}
            data={accountOptions}
            value={account}
            onChange={(value) => setAccount(value ?? BY_HAND)}
            allowDeselect={false}
            data-testid="reply-account"
          />
          <Select
            label={t("publishing.composer.lang")}
            data={(["de", "en", "other"] as const).map((l) => ({
              value: l,
              label: t(`publishing.composer.langs.${l}`),
            }))}
            value={lang}
            onChange={(value) => setLang((value as Lang | null) ?? "de")}
            allowDeselect={false}
            w={140}
          />
        </Group>
        {(account === BY_HAND || (chosen && !chosen.canPublish)) && (
          <Text size="xs" c="dimmed">
            {t(exercise ? "publishing.composer.simulatedNote" : "publishing.composer.byHandNote")}
          </Text>
        )}
        {text.trim() !== "" && (
          <Stack gap={6} aria-live="polite">
            {result ? (
              <>
                <Text size="xs" c="dimmed">
                  {t("publishing.composer.score", {
                    score: result.score.toFixed(2),
                    threshold: result.threshold.toFixed(2),
                  })}
                </Text>
                {result.findings.length === 0 ? (
                  <Text size="sm" c="green.9">
                    {t("publishing.composer.checkOk")}
                  </Text>
                ) : (
                  <>
                    <Text size="xs" c="dimmed" id={previewLabel}>
                      {t("publishing.composer.previewLabel")}
                    </Text>
                    <Paper bg="gray.0" p="xs" aria-labelledby={previewLabel} data-testid="draft-preview">
                      <Text size="sm" className="post-text">
                        <HighlightedDraft text={text} findings={result.findings} uiLang={uiLang} />
                      </Text>
                    </Paper>
                    <FindingList check={result} uiLang={uiLang} testId="draft-finding" />
                  </>
                )}
                {result.blocked ? (
                  <Alert color="red" variant="light">
                    {t("publishing.composer.blocked")}
                  </Alert>
                ) : (
                  result.needsApproval && (
                    <Text size="sm" c="orange.9">
                      {t("publishing.composer.willNeedApproval")}
                    </Text>
                  )
                )}
              </>
            ) : (
              <Text size="xs" c="dimmed">
                {t("publishing.composer.checking")}
              </Text>
            )}
          </Stack>
        )}
        <Group justify="space-between" wrap="wrap">
          <Button
            onClick={() => void submit()}
            loading={busy}
            disabled={text.trim() === "" || result?.blocked === true}
            data-testid="reply-submit"
          >
            {t(kind === "reply" ? "publishing.composer.submit" : "publishing.composer.submitPost")}
          </Button>
          {shown && (
            <Badge
              size="lg"
              variant="light"
              color={draftStatusColour(shown.state)}
              data-testid="draft-status"
              data-state={shown.state}
            >
              {t(draftStatusKey(shown))}
            </Badge>
          )}
        </Group>
        <ProblemAlert error={error} />
      </Stack>
    </Paper>
  );
}
