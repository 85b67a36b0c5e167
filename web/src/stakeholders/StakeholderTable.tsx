import { Button, Group, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { StakeholderAccountRead } from "../../../src/stakeholders/stakeholders.schema.ts";
import { ConfirmButton } from "../app/ConfirmButton.tsx";
import { formatDateTime, formatRelativeTime } from "../app/formatTime.ts";
import { InfluenceMeter } from "./InfluenceMeter.tsx";
import { StakeholderEditForm } from "./StakeholderEditForm.tsx";
import { StanceBadge } from "./StanceBadge.tsx";
import type { StakeholderSort } from "./stakeholderView.ts";

/** A dash for a figure never seen, with its meaning for screen readers and on hover. */
function NotKnown({ text }: { text: string }) {
  return (
    <Text span size="sm" c="dimmed" title={text}>
      <span aria-hidden>–</span>
      <VisuallyHidden>{text}</VisuallyHidden>
    </Text>
  );
}

interface StakeholderTableProps {
  accounts: readonly StakeholderAccountRead[];
  sort: StakeholderSort;
  now: number;
  editable: boolean;
  /** The account whose inline form is open, if any. */
  editingId: string | undefined;
  onEdit: (id: string | undefined) => void;
  onRemove: (id: string) => void;
  removingId: string | undefined;
}

/**
 * The accounts on the map with group, stance, influence and their last 7 days. Handles, names and notes are
 * user text and rendered as text only. Editors open a form under a row to change it, or remove it.
 */
export function StakeholderTable({
  accounts,
  sort,
  now,
  editable,
  editingId,
  onEdit,
  onRemove,
  removingId,
}: StakeholderTableProps) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const columns = editable ? 9 : 8;

  return (
    <Table.ScrollContainer minWidth={editable ? 1020 : 860}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>{t(`stakeholders.captions.${sort}`)}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("stakeholders.fields.accountAndNote")}</Table.Th>
            <Table.Th scope="col">{t("stakeholders.fields.group")}</Table.Th>
            <Table.Th scope="col">{t("stakeholders.fields.stance")}</Table.Th>
            <Table.Th scope="col">{t("stakeholders.fields.influence")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("stakeholders.fields.followers")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("stakeholders.fields.posts7d")}
            </Table.Th>
            <Table.Th scope="col" ta="right" title={t("stakeholders.criticalHint")}>
              {t("stakeholders.fields.critical7d")}
            </Table.Th>
            <Table.Th scope="col">{t("stakeholders.fields.lastPostAt")}</Table.Th>
            {editable && <Table.Th scope="col">{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => {
            const editing = editingId === account.id;
            const formId = `stakeholder-edit-${account.id}`;
            return (
              <Fragment key={account.id}>
                <Table.Tr
                  data-testid="stakeholder-row"
                  data-id={account.id}
                  data-handle={account.handle}
                  data-platform={account.platform}
                  data-group={account.group}
                  data-stance={account.stance}
                >
                  <Table.Td miw={220} maw={360}>
                    <Stack gap={2}>
                      {account.name && (
                        <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                          {account.name}
                        </Text>
                      )}
                      <Text
                        size="sm"
                        fw={account.name ? undefined : 600}
                        c={account.name ? "dimmed" : undefined}
                        style={{ overflowWrap: "anywhere" }}
                      >
                        <span data-testid="stakeholder-row-handle">@{account.handle}</span>
                        {" · "}
                        {t(`platforms.${account.platform}`, { defaultValue: account.platform })}
                      </Text>
                      {account.note && (
                        <Text size="xs" className="post-text" data-testid="stakeholder-note-text">
                          {account.note}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{t(`stakeholderGroups.${account.group}`)}</Table.Td>
                  <Table.Td>
                    <StanceBadge stance={account.stance} />
                  </Table.Td>
                  <Table.Td>
                    <InfluenceMeter value={account.influence} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {account.followers === null ? (
                      <NotKnown text={t("stakeholders.notSeen")} />
                    ) : (
                      number.format(account.followers)
                    )}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="stakeholder-posts7d">
                    {number.format(account.posts7d)}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="stakeholder-critical7d">
                    {account.critical7d > 0 ? (
                      // Red-9 on white (and on the striped grey): over 4.5:1.
                      <Text span size="sm" fw={700} c="red.9">
                        {number.format(account.critical7d)}
                      </Text>
                    ) : (
                      number.format(0)
                    )}
                  </Table.Td>
                  <Table.Td>
                    {account.lastPostAt ? (
                      <Text
                        span
                        size="sm"
                        component="time"
                        dateTime={account.lastPostAt}
                        title={formatDateTime(account.lastPostAt, i18n.language)}
                      >
                        {formatRelativeTime(account.lastPostAt, now, i18n.language)}
                      </Text>
                    ) : (
                      <NotKnown text={t("stakeholders.never")} />
                    )}
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap={6}>
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => onEdit(editing ? undefined : account.id)}
                          aria-expanded={editing}
                          aria-controls={editing ? formId : undefined}
                          aria-label={t("stakeholders.editNamed", { handle: account.handle })}
                          data-testid="stakeholder-edit"
                        >
                          {t("common.edit")}
                        </Button>
                        <ConfirmButton
                          label={t("stakeholders.remove")}
                          confirmLabel={t("stakeholders.confirmRemove")}
                          ariaLabel={t("stakeholders.removeNamed", { handle: account.handle })}
                          loading={removingId === account.id}
                          onConfirm={() => onRemove(account.id)}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
                {editing && (
                  <Table.Tr id={formId}>
                    <Table.Td colSpan={columns}>
                      <StakeholderEditForm account={account} onDone={() => onEdit(undefined)} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
