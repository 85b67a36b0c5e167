import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { canManageInbox } from "../../../src/inbox/inbox.policy.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { SavedRepliesSettings } from "./SavedRepliesSettings.tsx";
import { ServiceLevelSettings } from "./ServiceLevelSettings.tsx";
import { TeamsSettings } from "./TeamsSettings.tsx";

/** Settings → Inbox: attention threshold, service hours and holidays, targets, teams, saved replies. */
export function InboxSettingsPanel() {
  const { t } = useTranslation();
  const editable = canManageInbox(useCurrentSession());
  return (
    <Stack gap="xl">
      {!editable && (
        <Text size="sm" c="dimmed">
          {t("inbox.settings.readOnly")}
        </Text>
      )}
      <ServiceLevelSettings editable={editable} />
      <TeamsSettings editable={editable} />
      <SavedRepliesSettings editable={editable} />
    </Stack>
  );
}
