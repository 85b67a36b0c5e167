import { Anchor, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { canEditAccountSecurity, canEditIncidents } from "../../../src/orgs/orgs.policy.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { AccountCard } from "./AccountCard.tsx";
import { AccountFigures } from "./AccountFigures.tsx";
import { riskProfileSettings } from "./accountLinks.ts";
import { sortAccounts, sortLookalikes } from "./accountOrder.ts";
import { LookalikeTable } from "./LookalikeTable.tsx";
import { summarizeAccounts } from "./summarizeAccounts.ts";
import { TakeoverAlert } from "./TakeoverAlert.tsx";
import { useAccounts } from "./useAccounts.ts";

/**
 * The organisation's official accounts (hacked company accounts, a risk of its own): a red alert for any
 * account that looks taken over, with its lockdown; each account's security grade, findings and recorded
 * security; and the lookalike accounts that imitate the organisation. The registry itself is kept in
 * Settings → Risk profile.
 */
export function AccountsPage() {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const overview = useAccounts();
  const { role } = useCurrentSession();
  const editable = canEditAccountSecurity({ role });
  const canLockDown = canEditIncidents({ role });
  const [editingKey, setEditingKey] = useState<string | undefined>(undefined);

  const data = overview.data;
  const accounts = useMemo(() => (data ? sortAccounts(data.items) : undefined), [data]);
  const lookalikes = useMemo(() => (data ? sortLookalikes(data.lookalikes) : undefined), [data]);
  const summary = useMemo(() => (data ? summarizeAccounts(data.items) : undefined), [data]);
  const suspected = accounts?.filter((account) => account.takeover.suspected) ?? [];
  const lookalikeDays = data?.windows.lookalikeDays ?? 30;

  return (
    <Page title={t("accounts.title")}>
      <Stack gap={4} maw={820}>
        <Text>{t("accounts.intro")}</Text>
        <Text size="sm" c="dimmed">
          {t("accounts.registryNote")}{" "}
          <Anchor
            component={Link}
            to={riskProfileSettings}
            size="sm"
            underline="always"
            data-testid="accounts-registry-link"
          >
            {t("accounts.registryLink")}
          </Anchor>
        </Text>
        {!editable && (
          <Text size="sm" c="dimmed" data-testid="accounts-read-only">
            {t("accounts.readOnly")}
          </Text>
        )}
      </Stack>
      <ProblemAlert error={overview.error} />
      {suspected.map((account) => (
        <TakeoverAlert key={account.key} account={account} now={now} canLockDown={canLockDown} />
      ))}
      {!overview.error && <AccountFigures summary={summary} />}

      <Stack gap="sm" component="section" aria-labelledby="accounts-list-title">
        <Title order={2} size="h4" id="accounts-list-title">
          {t("accounts.listTitle")}
        </Title>
        {overview.isPending && <Skeleton h={180} />}
        {accounts && accounts.length === 0 && (
          <Text c="dimmed" data-testid="accounts-empty">
            {t("accounts.empty")}{" "}
            <Anchor component={Link} to={riskProfileSettings} underline="always">
              {t("accounts.registryLink")}
            </Anchor>
          </Text>
        )}
        {accounts && accounts.length > 0 && (
          <Stack
            component="ul"
            gap="md"
            p={0}
            m={0}
            aria-label={t("accounts.listLabel")}
            style={{ listStyle: "none" }}
          >
            {accounts.map((account) => (
              <li key={account.key}>
                <AccountCard
                  account={account}
                  now={now}
                  editable={editable}
                  canLockDown={canLockDown}
                  editing={editingKey === account.key}
                  onEdit={setEditingKey}
                />
              </li>
            ))}
          </Stack>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="lookalikes-title">
        <Title order={2} size="h4" id="lookalikes-title">
          {t("accounts.lookalikes.title")}
        </Title>
        <Text size="sm" maw={820}>
          {t("accounts.lookalikes.intro", { days: lookalikeDays })}
        </Text>
        {overview.isPending && <Skeleton h={80} />}
        {lookalikes && lookalikes.length === 0 && (
          <Text c="dimmed" data-testid="lookalikes-empty">
            {t("accounts.lookalikes.empty", { days: lookalikeDays })}
          </Text>
        )}
        {lookalikes && lookalikes.length > 0 && <LookalikeTable lookalikes={lookalikes} now={now} />}
      </Stack>
    </Page>
  );
}
