import { Anchor, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { LookalikeRead } from "../../../src/accounts/accounts.schema.ts";
import { formatDateTime, formatRelativeTime } from "../app/formatTime.ts";
import { mentionsOfAuthor } from "../mentions/mentionFilters.ts";
import { usePlatformName } from "./usePlatformName.ts";

/** When a time was, relative to now, with the exact time on hover. */
function When({ iso, now }: { iso: string; now: number }) {
  const { i18n } = useTranslation();
  return (
    <Text span size="sm" component="time" dateTime={iso} title={formatDateTime(iso, i18n.language)}>
      {formatRelativeTime(iso, now, i18n.language)}
    </Text>
  );
}

/**
 * Accounts that imitate the organisation, the most flagged posts first: whom they imitate, how much they
 * posted, how young they are, and whether the team has put them on the stakeholder map. Handles and names
 * are the impersonator's own text and rendered as text only.
 */
export function LookalikeTable({ lookalikes, now }: { lookalikes: readonly LookalikeRead[]; now: number }) {
  const { t, i18n } = useTranslation();
  const platformName = usePlatformName();
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>{t("accounts.lookalikes.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("accounts.lookalikes.account")}</Table.Th>
            <Table.Th scope="col">{t("accounts.lookalikes.platform")}</Table.Th>
            <Table.Th scope="col">{t("accounts.lookalikes.imitates")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("accounts.lookalikes.posts")}
            </Table.Th>
            <Table.Th scope="col">{t("accounts.lookalikes.lastPostAt")}</Table.Th>
            <Table.Th scope="col">{t("accounts.lookalikes.created")}</Table.Th>
            <Table.Th scope="col">{t("accounts.lookalikes.known")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lookalikes.map((lookalike) => (
            <Table.Tr
              key={`${lookalike.platform}:${lookalike.handle}`}
              data-testid="lookalike-row"
              data-handle={lookalike.handle}
              data-platform={lookalike.platform}
              data-known={lookalike.known}
            >
              <Table.Td miw={220} maw={340}>
                <Stack gap={2}>
                  {lookalike.displayName && (
                    <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                      {lookalike.displayName}
                    </Text>
                  )}
                  <Anchor
                    component={Link}
                    to={mentionsOfAuthor(lookalike.handle, lookalike.platform)}
                    size="sm"
                    aria-label={t("accounts.lookalikes.showPosts", { handle: lookalike.handle })}
                    style={{ overflowWrap: "anywhere" }}
                    data-testid="lookalike-posts-link"
                  >
                    @{lookalike.handle}
                  </Anchor>
                  {lookalike.followers !== null && (
                    <Text size="xs" c="dimmed">
                      {t("accounts.lookalikes.followers", {
                        count: lookalike.followers,
                        formatted: number.format(lookalike.followers),
                      })}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{platformName(lookalike.platform)}</Table.Td>
              <Table.Td style={{ overflowWrap: "break-word", minWidth: "10ch" }}>
                {lookalike.imitates.join(", ")}
              </Table.Td>
              <Table.Td ta="right">{number.format(lookalike.posts)}</Table.Td>
              <Table.Td>
                <When iso={lookalike.lastPostAt} now={now} />
              </Table.Td>
              <Table.Td>
                {lookalike.accountCreatedAt ? (
                  <When iso={lookalike.accountCreatedAt} now={now} />
                ) : (
                  <Text span size="sm" c="dimmed">
                    {t("accounts.lookalikes.unknownAge")}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {lookalike.known ? t("accounts.lookalikes.yes") : t("accounts.lookalikes.no")}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
