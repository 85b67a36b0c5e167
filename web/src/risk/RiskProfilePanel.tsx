import { Center, Loader, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { canAnalyze, canEditRiskProfile } from "../../../src/risk/risk.policy.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { BlockListsPanel } from "./BlockListsPanel.tsx";
import { RiskProfileForm } from "./RiskProfileForm.tsx";
import { TextCheckPanel } from "./TextCheckPanel.tsx";
import { useRiskProfile } from "./useRiskProfile.ts";

/** Settings → Risk profile: what the engine knows about the organisation, the block lists, and a text check. */
export function RiskProfilePanel() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const editable = canEditRiskProfile(session);
  const profile = useRiskProfile();

  return (
    <Stack gap="xl">
      <ProblemAlert error={profile.error} />
      {profile.isPending && (
        <Center py="md">
          <Loader aria-label={t("common.loading")} />
        </Center>
      )}
      {/* Mounted once the profile is there; later refetches do not overwrite what is being edited. */}
      {profile.data && <RiskProfileForm profile={profile.data} readOnly={!editable} />}
      <BlockListsPanel editable={editable} />
      {canAnalyze(session) ? (
        <TextCheckPanel />
      ) : (
        <Text size="sm" c="dimmed">
          {t("risk.check.notAllowed")}
        </Text>
      )}
    </Stack>
  );
}
