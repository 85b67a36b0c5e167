import { Button, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentEventRead } from "../../../src/incidents/incidents.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useIncidentAction } from "./useIncidentAction.ts";
import { useIncidentPart } from "./useIncidentPart.ts";

/** The incident's timeline with absolute times, oldest first, and a note written by hand. */
export function IncidentTimeline({ incidentId, editable }: { incidentId: string; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const timeline = useIncidentPart<IncidentEventRead>(incidentId, "timeline", 10_000);
  const addNote = useIncidentAction<{ text: string }>(incidentId, "POST", () => "/notes");
  const [note, setNote] = useState("");

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-timeline-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="incident-timeline-heading">
          {t("incident.timeline.heading")}
        </Title>
        <ProblemAlert error={timeline.error ?? addNote.error} />
        {editable && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (note.trim()) addNote.mutate({ text: note.trim() }, { onSuccess: () => setNote("") });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t("incident.timeline.note")}
                description={t("incident.timeline.noteHint")}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                maxLength={5000}
                autosize
                minRows={2}
                data-testid="incident-note"
              />
              <Button type="submit" size="xs" loading={addNote.isPending} data-testid="incident-note-add">
                {t("incident.timeline.add")}
              </Button>
            </Stack>
          </form>
        )}
        <ol
          className="incident-timeline"
          data-testid="incident-timeline"
          style={{ paddingLeft: "1.2em", margin: 0 }}
        >
          {(timeline.data ?? []).map((event) => (
            <li key={event.id} data-kind={event.kind}>
              <Text size="sm">
                <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>{" "}
                <span className="post-text">{event.title[lang]}</span>
              </Text>
            </li>
          ))}
        </ol>
        {timeline.data && timeline.data.length === 0 && (
          <Text c="dimmed">{t("incident.timeline.empty")}</Text>
        )}
      </Stack>
    </Paper>
  );
}
