import { Anchor, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { IncidentEvidenceList } from "../evidence/IncidentEvidenceList.tsx";
import { AttachedPosts } from "./AttachedPosts.tsx";
import { canEditIncidents } from "./canEditIncidents.ts";
import { DsaNotices } from "./DsaNotices.tsx";
import { IncidentHeader } from "./IncidentHeader.tsx";
import { IncidentReview } from "./IncidentReview.tsx";
import { IncidentRoles } from "./IncidentRoles.tsx";
import { IncidentTasks } from "./IncidentTasks.tsx";
import { IncidentTimeline } from "./IncidentTimeline.tsx";
import { LegalClocks } from "./LegalClocks.tsx";
import { PlaybookRunner } from "./PlaybookRunner.tsx";
import { StatusUpdateForm } from "./StatusUpdateForm.tsx";
import { useIncident } from "./useIncident.ts";

/** One incident: header, roles, playbook, tasks, legal clocks, DSA notices, timeline, posts, evidence, review. */
export function IncidentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const incident = useIncident(id);
  const editable = canEditIncidents(useCurrentSession().role) && incident.data?.status !== "closed";

  return (
    <Page title={incident.data?.title ?? t("incident.title")}>
      <Anchor component={Link} to="/incidents" size="sm">
        {t("incident.back")}
      </Anchor>
      <ProblemAlert error={incident.error} />
      {incident.data && (
        <Stack gap="lg">
          <IncidentHeader incident={incident.data} />
          {incident.data.status === "closed" && <IncidentReview incident={incident.data} />}
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Stack gap="lg">
              {editable && <PlaybookRunner incidentId={id} />}
              <IncidentTasks incidentId={id} editable={editable} />
              <LegalClocks incidentId={id} editable={editable} />
              <DsaNotices incidentId={id} editable={editable} />
              <AttachedPosts incidentId={id} />
              <IncidentEvidenceList incidentId={id} />
            </Stack>
            <Stack gap="lg">
              <IncidentRoles incidentId={id} editable={editable} />
              {editable && <StatusUpdateForm incidentId={id} />}
              <IncidentTimeline incidentId={id} editable={editable} />
            </Stack>
          </SimpleGrid>
        </Stack>
      )}
      {incident.isSuccess && !incident.data && <Text>{t("incident.notFound")}</Text>}
    </Page>
  );
}
