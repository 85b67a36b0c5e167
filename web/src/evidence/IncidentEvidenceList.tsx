import { Anchor, Loader, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import {
  canCaptureEvidence,
  canExportEvidence,
  canHoldEvidence,
} from "../../../src/evidence/evidence.policy.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { EvidenceItemCard } from "./EvidenceItemCard.tsx";
import { useEvidence } from "./useEvidence.ts";

/** The download address of an incident's evidence bundle (.zip). */
export const evidenceBundleUrl = (incidentId: string) =>
  `/api/incidents/${encodeURIComponent(incidentId)}/evidence-bundle`;

/** The evidence of one incident with the bundle download, for the incident page (an h2 section). */
export function IncidentEvidenceList({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const { role } = useCurrentSession();
  const items = useEvidence({ incidentId });
  return (
    <Stack gap="sm" component="section" aria-labelledby={`incident-evidence-${incidentId}`}>
      <Title order={2} size="h3" id={`incident-evidence-${incidentId}`}>
        {t("evidence.incidentList.heading")}
      </Title>
      {canExportEvidence({ role }) && (
        <Anchor href={evidenceBundleUrl(incidentId)} download data-testid="evidence-export">
          {t("evidence.incidentList.export")}
        </Anchor>
      )}
      {items.isPending && <Loader size="sm" aria-label={t("common.loading")} />}
      <ProblemAlert error={items.error} />
      {items.data?.length === 0 && <Text c="dimmed">{t("evidence.incidentList.empty")}</Text>}
      {items.data?.map((item) => (
        <EvidenceItemCard
          key={item.id}
          item={item}
          headingOrder={3}
          canHold={canHoldEvidence({ role })}
          canRender={canCaptureEvidence({ role })}
        />
      ))}
    </Stack>
  );
}
