import { Anchor, Loader, Select, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import {
  canCaptureEvidence,
  canExportEvidence,
  canHoldEvidence,
} from "../../../src/evidence/evidence.policy.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useIncidents } from "../incidents/useIncidents.ts";
import { EvidenceItemCard } from "./EvidenceItemCard.tsx";
import { evidenceBundleUrl } from "./IncidentEvidenceList.tsx";
import { useEvidence } from "./useEvidence.ts";

/** The evidence page: every captured item, filterable by incident (`?incident=`); `?item=` shows one item. */
export function EvidencePage() {
  const { t } = useTranslation();
  const { role } = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const incidentId = params.get("incident") ?? undefined;
  const itemId = params.get("item") ?? undefined;
  const incidents = useIncidents();
  const items = useEvidence({ incidentId });
  const shown = itemId ? items.data?.filter((i) => i.id === itemId) : items.data;

  return (
    <Page title={t("evidence.title")}>
      <Text c="dimmed">{t("evidence.intro")}</Text>
      <Select
        label={t("evidence.filterIncident")}
        placeholder={t("evidence.allIncidents")}
        data={(incidents.data ?? []).map((i) => ({ value: i.id, label: i.title }))}
        value={incidentId ?? null}
        onChange={(value) => setParams(value ? { incident: value } : {})}
        clearable
        searchable
        maw={420}
        data-testid="evidence-filter-incident"
      />
      {incidentId && canExportEvidence({ role }) && (
        <Anchor href={evidenceBundleUrl(incidentId)} download data-testid="evidence-export">
          {t("evidence.incidentList.export")}
        </Anchor>
      )}
      {itemId && (
        <Anchor component={Link} to="/evidence">
          {t("evidence.allIncidents")}
        </Anchor>
      )}
      {items.isPending && <Loader size="sm" aria-label={t("common.loading")} />}
      <ProblemAlert error={items.error} />
      {shown?.length === 0 && <Text c="dimmed">{t("evidence.empty")}</Text>}
      <Stack gap="md" aria-label={t("evidence.listCaption")} component="section">
        {shown?.map((item) => (
          <EvidenceItemCard
            key={item.id}
            item={item}
            headingOrder={2}
            canHold={canHoldEvidence({ role })}
            canRender={canCaptureEvidence({ role })}
          />
        ))}
      </Stack>
    </Page>
  );
}
