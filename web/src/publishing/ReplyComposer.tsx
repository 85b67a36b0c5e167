import { Stack, Text, Title } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { DraftCard } from "./DraftCard.tsx";
import { DraftComposer } from "./DraftComposer.tsx";
import { useDrafts } from "./useDrafts.ts";

/**
 * Answers an inbox conversation: the composer with its live pre-publication check, then this
 * conversation's replies with their state (held for approval, sent, failed, to send by hand).
 */
export function ReplyComposer({
  conversationId,
  lang,
  initialText,
}: {
  conversationId: string;
  lang: "de" | "en";
  initialText?: string;
}) {
  const { t } = useTranslation();
  const repliesTitle = useId();
  const replies = useDrafts({ conversationId });
  const [lastId, setLastId] = useState<string | null>(null);
  const latest = replies.data?.find((d) => d.id === lastId);
  return (
    <Stack gap="sm">
      <DraftComposer
        // A new saved reply filled in by the inbox starts a fresh composer.
        key={initialText ?? ""}
        kind="reply"
        conversationId={conversationId}
        lang={lang}
        {...(initialText !== undefined ? { initialText } : {})}
        latest={latest}
        onSubmitted={(draft) => setLastId(draft.id)}
      />
      <Stack gap="xs" component="section" aria-labelledby={repliesTitle}>
        <Title order={3} size="h5" id={repliesTitle}>
          {t("publishing.composer.repliesTitle")}
        </Title>
        {replies.isSuccess && replies.data.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("publishing.composer.repliesEmpty")}
          </Text>
        )}
        {replies.data?.map((draft) => (
          <DraftCard key={draft.id} draft={draft} />
        ))}
      </Stack>
    </Stack>
  );
}
