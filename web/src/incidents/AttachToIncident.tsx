import { Anchor, Button, Group, NativeSelect, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { canEditIncidents } from "./canEditIncidents.ts";
import { useAttachPosts } from "./useAttachPosts.ts";
import { useIncidents } from "./useIncidents.ts";

/**
 * Adds a post to an incident that is still open (active or stable), so it shows under the incident's posts and
 * on its timeline. Nothing is shown when there is no open incident or the role may not change incidents.
 */
export function AttachToIncident({ postId, label }: { postId: string; label: string }) {
  const { t } = useTranslation();
  const { role } = useCurrentSession();
  const incidents = useIncidents();
  const attach = useAttachPosts();
  const open = (incidents.data ?? []).filter((incident) => incident.status !== "closed");
  const [chosen, setChosen] = useState<string>("");
  if (!canEditIncidents(role) || open.length === 0) return null;
  const incidentId = open.some((incident) => incident.id === chosen) ? chosen : (open[0]?.id ?? "");
  const done = attach.isSuccess
    ? open.find((incident) => incident.id === attach.variables?.incidentId)
    : undefined;

  return (
    <Group gap={6} align="flex-end" wrap="wrap">
      <NativeSelect
        size="xs"
        aria-label={t("incident.attach.label")}
        title={t("incident.attach.label")}
        data={open.map((incident) => ({ value: incident.id, label: incident.title }))}
        value={incidentId}
        onChange={(e) => setChosen(e.currentTarget.value)}
        data-testid="attach-incident-select"
      />
      <Button
        size="xs"
        variant="default"
        loading={attach.isPending}
        onClick={() => attach.mutate({ incidentId, postIds: [postId] })}
        aria-label={`${t("incident.attach.button")}: ${label}`}
        data-testid="attach-incident"
      >
        {t("incident.attach.button")}
      </Button>
      {done && (
        <Text size="sm" role="status">
          {t("incident.attach.done")}{" "}
          <Anchor component={Link} to={`/incidents/${encodeURIComponent(done.id)}`}>
            {done.title}
          </Anchor>
        </Text>
      )}
      <ProblemAlert error={attach.error} />
    </Group>
  );
}
