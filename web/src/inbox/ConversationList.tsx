import { Anchor, Badge, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ConversationSummary } from "../../../src/inbox/inbox.schema.ts";
import { bandColor } from "./bandColor.ts";
import { SlaBadge } from "./SlaBadge.tsx";

/** The conversations as a table: ticket, priority, service level, status, assignee, platform, post (as text). */
export function ConversationList({ items, now }: { items: ConversationSummary[]; now: number }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover>
        <Table.Caption>{t("inbox.listCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("inbox.columns.ticket")}</Table.Th>
            <Table.Th scope="col">{t("inbox.columns.priority")}</Table.Th>
            <Table.Th scope="col">{t("inbox.columns.sla")}</Table.Th>
            <Table.Th scope="col">{t("inbox.columns.status")}</Table.Th>
            <Table.Th scope="col">{t("inbox.columns.assignee")}</Table.Th>
            <Table.Th scope="col">{t("inbox.columns.platform")}</Table.Th>
            <Table.Th scope="col">{t("inbox.columns.subject")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id} data-testid="conversation-item">
              <Table.Td>
                <Anchor component={Link} to={`/inbox/${encodeURIComponent(c.id)}`} fw={600}>
                  {t("inbox.ticket", { ticket: c.ticket })}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge color={bandColor[c.band]} variant="filled">
                  {t(`inbox.band.${c.band}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <SlaBadge conversation={c} now={now} />
              </Table.Td>
              <Table.Td>{t(`inbox.status.${c.status}`)}</Table.Td>
              <Table.Td>{c.assignee?.name ?? t("inbox.unassigned")}</Table.Td>
              <Table.Td>{c.platform}</Table.Td>
              <Table.Td maw={420}>
                {/* Post text is the author's: rendered as text only. */}
                <Text size="sm" lineClamp={2}>
                  {c.subject}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
