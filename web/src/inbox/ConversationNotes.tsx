import { Button, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { NoteRead } from "../../../src/inbox/inbox.schema.ts";
import { ApiError } from "../app/api.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useAddNote } from "./useAddNote.ts";

/** Internal notes with @mentions; only the team sees them. */
export function ConversationNotes({
  conversationId,
  notes,
  editable,
}: {
  conversationId: string;
  notes: NoteRead[];
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const add = useAddNote(conversationId);
  const [text, setText] = useState("");
  const fieldError = add.error instanceof ApiError ? add.error.fieldError("text") : undefined;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="notes-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="notes-title">
          {t("inbox.notes.title")}
        </Title>
        {notes.length === 0 && <Text c="dimmed">{t("inbox.notes.empty")}</Text>}
        {notes.map((note) => (
          <Stack key={note.id} gap={2} data-testid="conversation-note">
            <Text size="xs" c="dimmed">
              {note.author.name} · {formatDateTime(note.createdAt, i18n.language)}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {note.text}
            </Text>
            {note.mentions.length > 0 && (
              <Text size="xs" c="dimmed">
                {t("inbox.notes.mentions", { names: note.mentions.map((m) => m.name).join(", ") })}
              </Text>
            )}
          </Stack>
        ))}
        {editable && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate(text, { onSuccess: () => setText("") });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t("inbox.notes.label")}
                description={t("inbox.notes.hint")}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={5000}
                error={fieldError}
                data-testid="note-text"
              />
              <Button
                type="submit"
                loading={add.isPending}
                disabled={text.trim() === ""}
                data-testid="note-submit"
              >
                {t("inbox.notes.add")}
              </Button>
              {!fieldError && <ProblemAlert error={add.error} />}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
