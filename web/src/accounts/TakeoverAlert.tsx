import { Alert, Anchor, Badge, Group, List, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { OfficialAccountRead } from "../../../src/accounts/accounts.schema.ts";
import { formatDateTime, formatRelativeTime } from "../app/formatTime.ts";
import { mentionsOfPosts } from "../mentions/mentionFilters.ts";
import { flagColor } from "../risk/riskDisplay.ts";
import { LockdownButton } from "./LockdownButton.tsx";
import { usePlatformName } from "./usePlatformName.ts";

/** How many flagged posts the alert quotes; the rest are one link away in Mentions. */
const shownSignals = 5;

interface TakeoverAlertProps {
  account: OfficialAccountRead;
  now: number;
  canLockDown: boolean;
}

/**
 * The red alert for an official account that looks as if someone else is posting from it: the burst of
 * posts, the flagged posts (their text quoted as plain text only: the attacker wrote it) and the lockdown.
 */
export function TakeoverAlert({ account, now, canLockDown }: TakeoverAlertProps) {
  const { t, i18n } = useTranslation();
  const platformName = usePlatformName();
  const { burst, signals } = account.takeover;
  const idBase = useId();
  const postIds = signals.map((s) => s.postId);

  return (
    <Alert
      color="red"
      variant="light"
      // A red border keeps the alert apart from the cards below even where the tint is faint.
      style={{ border: "2px solid var(--mantine-color-red-9)" }}
      aria-labelledby={`${idBase}-title`}
      data-testid="takeover-alert"
      data-key={account.key}
      data-handle={account.handle}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id={`${idBase}-title`} c="red.9" style={{ overflowWrap: "anywhere" }}>
          {t("accounts.takeover.title", { handle: account.handle, platform: platformName(account.platform) })}
        </Title>
        <Text size="sm">{t("accounts.takeover.intro")}</Text>
        {burst && (
          <Text size="sm" fw={700} data-testid="takeover-burst">
            {burst.usualMaxHour > 0
              ? t("accounts.takeover.burst", { count: burst.lastHour, usual: burst.usualMaxHour })
              : t("accounts.takeover.burstQuiet", { count: burst.lastHour })}
          </Text>
        )}
        {signals.length > 0 && (
          <Stack gap="xs">
            <Title order={3} size="h6" id={`${idBase}-signals`}>
              {t("accounts.takeover.signalsTitle", { handle: account.handle })}
            </Title>
            <List listStyleType="none" spacing="xs" p={0} m={0} aria-labelledby={`${idBase}-signals`}>
              {signals.slice(0, shownSignals).map((signal) => (
                <List.Item key={signal.postId} data-testid="takeover-signal" data-post-id={signal.postId}>
                  <Stack gap={4}>
                    <Group gap={6} wrap="wrap">
                      <Text
                        span
                        size="sm"
                        fw={600}
                        component="time"
                        dateTime={signal.postedAt}
                        title={formatDateTime(signal.postedAt, i18n.language)}
                      >
                        {formatRelativeTime(signal.postedAt, now, i18n.language)}
                      </Text>
                      <Group
                        gap={4}
                        wrap="wrap"
                        role="group"
                        aria-label={t("accounts.takeover.categoriesLabel")}
                      >
                        {signal.categories.map((category) => (
                          <Badge key={category} size="sm" variant="filled" color={flagColor(category)}>
                            {t(`risk.categories.${category}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Group>
                    {/* The attacker's words: a text node, never markup. */}
                    <Text size="sm" className="post-text" data-testid="takeover-excerpt">
                      {signal.excerpt}
                    </Text>
                    <Anchor component={Link} to={mentionsOfPosts([signal.postId])} size="sm" c="red.9">
                      {t("accounts.takeover.showPost")}
                    </Anchor>
                  </Stack>
                </List.Item>
              ))}
            </List>
            {signals.length > 1 && (
              <Anchor component={Link} to={mentionsOfPosts(postIds)} size="sm" c="red.9" fw={600}>
                {t("accounts.takeover.showAll", { count: signals.length })}
              </Anchor>
            )}
          </Stack>
        )}
        {canLockDown && (
          <Group>
            <LockdownButton account={account} postIds={postIds} prominent />
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
