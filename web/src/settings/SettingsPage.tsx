import { Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { AlertSettingsPanel } from "../alerts/AlertSettingsPanel.tsx";
import { Page } from "../app/Page.tsx";
import { ConnectorsPanel } from "../connectors/ConnectorsPanel.tsx";
import { EvidenceSettingsPanel } from "../evidence/EvidenceSettingsPanel.tsx";
import { InboxSettingsPanel } from "../inbox/InboxSettingsPanel.tsx";
import { MembersPanel } from "../orgs/MembersPanel.tsx";
import { TokensPanel } from "../orgs/TokensPanel.tsx";
import { PublishingRulesPanel } from "../publishing/PublishingRulesPanel.tsx";
import { RiskProfilePanel } from "../risk/RiskProfilePanel.tsx";
import { TopicsPanel } from "../topics/TopicsPanel.tsx";

const tabs = [
  "topics",
  "risk",
  "alerts",
  "inbox",
  "publishing",
  "connectors",
  "evidence",
  "users",
  "tokens",
] as const;
type Tab = (typeof tabs)[number];

function isTab(value: string | null): value is Tab {
  return tabs.some((tab) => tab === value);
}

/** Settings with tabs Topics, Risk profile, Alerts, Inbox, Publishing rules, Connectors, Evidence, Users and API tokens; the open tab is in the URL (`?tab=users`). */
export function SettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get("tab");
  const tab: Tab = isTab(raw) ? raw : "topics";

  return (
    <Page title={t("settings.title")}>
      <Tabs
        value={tab}
        onChange={(value) => {
          if (isTab(value)) setParams({ tab: value }, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t("settings.title")}>
          {tabs.map((id) => (
            <Tabs.Tab key={id} value={id} data-testid={`settings-tab-${id}`}>
              {/* The connectors' texts live in their own section of the i18n files. */}
              {id === "connectors" ? t("connectors.tab") : t(`settings.tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="topics" pt="md">
          <TopicsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="risk" pt="md">
          <RiskProfilePanel />
        </Tabs.Panel>
        <Tabs.Panel value="alerts" pt="md">
          <AlertSettingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="inbox" pt="md">
          <InboxSettingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="publishing" pt="md">
          <PublishingRulesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="connectors" pt="md">
          <ConnectorsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="evidence" pt="md">
          <EvidenceSettingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <MembersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="tokens" pt="md">
          <TokensPanel />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
