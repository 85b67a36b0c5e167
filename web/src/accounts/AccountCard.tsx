import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { OfficialAccountRead } from "../../../src/accounts/accounts.schema.ts";
import { formatDateTime, formatRelativeTime } from "../app/formatTime.ts";
import { mentionsOfAuthor } from "../mentions/mentionFilters.ts";
import { AccountFindings } from "./AccountFindings.tsx";
import { AccountSecurityDetails } from "./AccountSecurityDetails.tsx";
import { AccountSecurityForm } from "./AccountSecurityForm.tsx";
import { FactList } from "./FactList.tsx";
import { LockdownButton } from "./LockdownButton.tsx";
import { GradeBadge } from "./PostureBadges.tsx";
import { usePlatformName } from "./usePlatformName.ts";

interface AccountCardProps {
  account: OfficialAccountRead;
  now: number;
  editable: boolean;
  canLockDown: boolean;
  editing: boolean;
  onEdit: (key: string | undefined) => void;
}

/**
 * One official account: its grade and what to do about it, what the team recorded about its security,
 * its last 7 days, and the actions to record its security (managers) or lock it down (agents).
 */
export function AccountCard({ account, now, editable, canLockDown, editing, onEdit }: AccountCardProps) {
  const { t, i18n } = useTranslation();
  const platformName = usePlatformName();
  const number = new Intl.NumberFormat(i18n.language);
  const idBase = useId();
  const formId = `${idBase}-form`;
  const { activity } = account;

  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-labelledby={`${idBase}-title`}
      data-testid="account-card"
      data-key={account.key}
      data-handle={account.handle}
      data-platform={account.platform ?? ""}
      data-grade={account.posture.grade}
      data-takeover={account.takeover.suspected}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={3} size="h4" id={`${idBase}-title`} style={{ overflowWrap: "anywhere" }}>
              @{account.handle}{" "}
              <Text span c="dimmed" fw={400} size="sm">
                · {platformName(account.platform)}
              </Text>
            </Title>
            {account.displayName && (
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {account.displayName}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            {account.takeover.suspected && (
              // Red-9 with white: 5.5:1.
              <Badge size="lg" color="red.9" variant="filled" data-testid="account-takeover">
                {t("accounts.figures.takeover")}
              </Badge>
            )}
            <GradeBadge grade={account.posture.grade} />
          </Group>
        </Group>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="xs">
            <Title order={4} size="h6">
              {t("accounts.findingsTitle")}
            </Title>
            <AccountFindings findings={account.posture.findings} />
          </Stack>
          <Stack gap="xs">
            <Title order={4} size="h6">
              {t("accounts.security.title")}
            </Title>
            <AccountSecurityDetails security={account.security} now={now} />
          </Stack>
        </SimpleGrid>

        <Stack gap="xs">
          <Title order={4} size="h6">
            {t("accounts.activity.title")}
          </Title>
          <FactList
            cols={3}
            facts={[
              {
                id: "posts7d",
                label: t("accounts.activity.posts7d"),
                value: <span data-testid="account-posts7d">{number.format(activity.posts7d)}</span>,
              },
              {
                id: "lastPostAt",
                label: t("accounts.activity.lastPostAt"),
                value: activity.lastPostAt ? (
                  <time
                    dateTime={activity.lastPostAt}
                    title={formatDateTime(activity.lastPostAt, i18n.language)}
                  >
                    {formatRelativeTime(activity.lastPostAt, now, i18n.language)}
                  </time>
                ) : (
                  <Text span size="sm" c="dimmed">
                    {t("accounts.activity.noPost")}
                  </Text>
                ),
              },
              {
                id: "followers",
                label: t("accounts.activity.followers"),
                value:
                  activity.followers === null ? (
                    <Text span size="sm" c="dimmed">
                      {t("accounts.activity.notSeen")}
                    </Text>
                  ) : (
                    number.format(activity.followers)
                  ),
              },
            ]}
          />
          <Anchor
            component={Link}
            to={mentionsOfAuthor(account.handle, account.platform)}
            size="sm"
            data-testid="account-posts-link"
          >
            {t("accounts.activity.showPosts", { handle: account.handle })}
          </Anchor>
        </Stack>

        {(editable || canLockDown) && (
          <Group gap="sm">
            {editable && (
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => onEdit(editing ? undefined : account.key)}
                aria-expanded={editing}
                aria-controls={editing ? formId : undefined}
                aria-label={editing ? undefined : t("accounts.form.openNamed", { handle: account.handle })}
                data-testid="account-edit"
              >
                {editing ? t("accounts.form.close") : t("accounts.form.open")}
              </Button>
            )}
            {canLockDown && (
              <LockdownButton account={account} postIds={account.takeover.signals.map((s) => s.postId)} />
            )}
          </Group>
        )}
        {editable && editing && (
          <AccountSecurityForm id={formId} account={account} onDone={() => onEdit(undefined)} />
        )}
      </Stack>
    </Paper>
  );
}
