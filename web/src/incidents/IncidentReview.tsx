import { Button, Paper, Stack, Textarea, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentRead, IncidentUpdate } from "../../../src/incidents/incidents.schema.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { canEditIncidents } from "./canEditIncidents.ts";
import { useIncidentAction } from "./useIncidentAction.ts";

/** The post-incident review drafted on close (Markdown, shown as text), editable by agents and above. */
export function IncidentReview({ incident }: { incident: IncidentRead }) {
  const { t } = useTranslation();
  const editable = canEditIncidents(useCurrentSession().role);
  const save = useIncidentAction<IncidentUpdate>(incident.id, "PATCH", () => "");
  const [text, setText] = useState(incident.review ?? "");
  useEffect(() => setText(incident.review ?? ""), [incident.review]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-review-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="incident-review-heading">
          {t("incident.review.heading")}
        </Title>
        <ProblemAlert error={save.error} />
        <Textarea
          label={t("incident.review.label")}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          readOnly={!editable}
          autosize
          minRows={12}
          data-testid="incident-review"
        />
        {editable && (
          <Button size="sm" loading={save.isPending} onClick={() => save.mutate({ review: text })}>
            {t("incident.review.save")}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
