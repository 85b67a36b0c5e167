import { Divider, Stack } from "@mantine/core";
import { canManageAlertChannels, canManageAlertRules } from "../../../src/orgs/orgs.policy.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { AlertChannelsPanel } from "./AlertChannelsPanel.tsx";
import { AlertRulesPanel } from "./AlertRulesPanel.tsx";

/** Settings → Alerts: the rules that raise alerts and the channels that deliver them. */
export function AlertSettingsPanel() {
  const { role } = useCurrentSession();
  return (
    <Stack gap="xl">
      <AlertRulesPanel editable={canManageAlertRules({ role })} />
      <Divider />
      <AlertChannelsPanel editable={canManageAlertChannels({ role })} />
    </Stack>
  );
}
