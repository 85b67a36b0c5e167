import { Group, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PostureFindingRead } from "../../../src/accounts/accounts.schema.ts";
import { findingMessage } from "./findingMessage.ts";
import { SeverityBadge } from "./PostureBadges.tsx";

/** What is wrong with an account's security and what to do, most severe first, one sentence each. */
export function AccountFindings({ findings }: { findings: readonly PostureFindingRead[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) {
    return (
      <Text size="sm" data-testid="account-no-findings">
        {t("accounts.noFindings")}
      </Text>
    );
  }
  return (
    <List listStyleType="none" spacing={6} p={0} m={0}>
      {findings.map((finding) => {
        const { key, values } = findingMessage(finding);
        return (
          <List.Item
            key={finding.code}
            data-testid="account-finding"
            data-code={finding.code}
            data-severity={finding.severity}
          >
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <SeverityBadge severity={finding.severity} />
              <Text size="sm">{t(key, values)}</Text>
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}
