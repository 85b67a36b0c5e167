import { Button, Group, ScrollArea, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useFillReply } from "./useFillReply.ts";
import { useSavedReplies } from "./useSavedReplies.ts";

/** Searches the saved replies and fills the chosen one (author, ticket, agent …) into the composer. */
export function SavedReplyPicker({
  conversationId,
  onPick,
}: {
  conversationId: string;
  onPick: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const replies = useSavedReplies(q);
  const fill = useFillReply(conversationId);
  return (
    <Stack gap="xs">
      <TextInput
        label={t("inbox.savedReplies.search")}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-testid="saved-reply-search"
      />
      <ScrollArea.Autosize mah={180}>
        <Stack gap={4}>
          {replies.data?.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("inbox.savedReplies.none")}
            </Text>
          )}
          {replies.data?.map((reply) => (
            <Group key={reply.id} gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm" truncate>
                {reply.title}{" "}
                <Text span size="xs" c="dimmed">
                  ({reply.lang})
                </Text>
              </Text>
              <Button
                size="compact-sm"
                variant="light"
                aria-label={t("inbox.savedReplies.useLabel", { title: reply.title })}
                loading={fill.isPending && fill.variables === reply.id}
                onClick={() => fill.mutate(reply.id, { onSuccess: (filled) => onPick(filled.text) })}
                data-testid="saved-reply-use"
              >
                {t("inbox.savedReplies.use")}
              </Button>
            </Group>
          ))}
        </Stack>
      </ScrollArea.Autosize>
      <ProblemAlert error={replies.error ?? fill.error} />
    </Stack>
  );
}
