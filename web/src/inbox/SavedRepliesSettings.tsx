import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useDeleteSavedReply } from "./useDeleteSavedReply.ts";
import { useSavedReplies } from "./useSavedReplies.ts";
import { useSaveSavedReply } from "./useSaveSavedReply.ts";

/** Saved replies in German and English with variables; searchable. */
export function SavedRepliesSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const replies = useSavedReplies(q);
  const save = useSaveSavedReply();
  const remove = useDeleteSavedReply();
  const [title, setTitle] = useState("");
  const [lang, setLang] = useState<"de" | "en">("de");
  const [text, setText] = useState("");
  const fieldError = (field: string) =>
    save.error instanceof ApiError ? save.error.fieldError(field) : undefined;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="inbox-replies-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="inbox-replies-title">
          {t("inbox.settings.repliesTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("inbox.settings.repliesHint")}
        </Text>
        <TextInput
          label={t("inbox.savedReplies.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maw={320}
        />
        {replies.data?.map((reply) => (
          <Paper key={reply.id} withBorder p="sm" data-testid="saved-reply">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Text fw={600}>
                  {reply.title} ({reply.lang})
                </Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {reply.text}
                </Text>
              </Stack>
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="red.8"
                  aria-label={t("inbox.settings.deleteReply", { title: reply.title })}
                  onClick={() => remove.mutate(reply.id)}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          </Paper>
        ))}
        {editable && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(
                { title, lang, text },
                {
                  onSuccess: () => {
                    setTitle("");
                    setText("");
                  },
                },
              );
            }}
          >
            <Stack gap="xs" maw={640}>
              <Group gap="sm" align="flex-end">
                <TextInput
                  label={t("inbox.settings.replyTitle")}
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                  error={fieldError("title")}
                  maxLength={200}
                />
                <NativeSelect
                  label={t("inbox.settings.replyLang")}
                  data={[
                    { value: "de", label: "Deutsch" },
                    { value: "en", label: "English" },
                  ]}
                  value={lang}
                  onChange={(e) => setLang(e.currentTarget.value === "en" ? "en" : "de")}
                />
              </Group>
              <Textarea
                label={t("inbox.settings.replyText")}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                error={fieldError("text")}
                autosize
                minRows={3}
                maxLength={5000}
              />
              <Button
                type="submit"
                loading={save.isPending}
                disabled={title.trim() === "" || text.trim() === ""}
              >
                {t("inbox.settings.addReply")}
              </Button>
            </Stack>
          </form>
        )}
        <ProblemAlert
          error={
            replies.error ?? remove.error ?? (fieldError("text") || fieldError("title") ? null : save.error)
          }
        />
      </Stack>
    </Paper>
  );
}
