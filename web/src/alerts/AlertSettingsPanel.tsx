import { Divider, Stack } from "@mantine/core";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { AlertChannelsPanel } from "./AlertChannelsPanel.tsx";
import { AlertRulesPanel } from "./AlertRulesPanel.tsx";
import { canEditAlertChannels, canEditAlertRules } from "./alertPermissions.ts";

/** Settings → Alerts: the rules that raise alerts and the channels that deliver them. */
export function AlertSettingsPanel() {
  const { role } = useCurrentSession();
  return (
    <Stack gap="xl">
      <AlertRulesPanel editable={canEditAlertRules(role)} />
      <Divider />
      <AlertChannelsPanel editable={canEditAlertChannels(role)} />
    </Stack>
  );
}
